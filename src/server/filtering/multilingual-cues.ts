import { chinese, japanese, korean } from "@/server/filtering/cjk-cues";
import type { Cue } from "@/server/filtering/cue-types";
import { romance, russian, vietnamese } from "@/server/filtering/spaced-language-cues";
import { WORD_END, WORD_START } from "@/server/filtering/tokenize-text";

/**
 * Description cues in Chinese (simplified and traditional), Japanese, Korean, Russian, Vietnamese,
 * Spanish and Portuguese (with the French, German and Italian words the detector already knew). Weights
 * follow the English counterparts but stop at 2.5, so that no single foreign word can reach the drop
 * threshold of 3 alone: it needs a second cue, a topic, the name or the languages.
 *
 * How each script is matched:
 * - Chinese and Japanese have no spaces. Cues of two or more characters match as substrings: the
 *   dictionary segmenter (Intl.Segmenter) splits "面試題" into 面 / 試題 and "客户端" into 客户 / 端, so
 *   whole-segment matching misses cues that a substring finds. Single characters (书, 本, 库) are too
 *   ambiguous as substrings (说明书, 日本, 知识库) and as segments ("一本书" is one segment), so they are
 *   matched only in an unambiguous context.
 * - Korean separates words by spaces but glues particles to them ("튜토리얼을", "라이브러리입니다"), so its
 *   cues need a word start and no word end.
 * - Russian inflects, so its cues are stems with explicit endings; Latin-script cues use Unicode word
 *   boundaries, which also see "ó", "ç" and Vietnamese tone marks as letters.
 */

export const multilingualDescriptionCues: readonly Cue[] = [
  ...chinese,
  ...japanese,
  ...korean,
  ...russian,
  ...vietnamese,
  ...romance,
];

/**
 * Field names that contain a learning word in other languages, "机器学习" (machine learning), "深層学習",
 * "딥 러닝", "машинное обучение", "học máy", blanked before the cues read the text. "学习" before a
 * software noun ("学习平台", a learning platform) is blanked alone so that the noun still counts.
 */
export const multilingualLearningFields = [
  "(?:机器|機器|深度|强化|強化|联邦|聯邦|迁移|遷移|元|对比|對比|自监督|半监督|无监督|监督|表示|集成|持续|增量|在线|主动|度量|多任务|小样本|零样本|图)学习|(?:機器|深度|強化|聯邦|遷移|監督)學習|学习率|(?:学习|學習)(?=平台|管理系统|系统|系統|软件|軟體|工具|应用|應用|网站|網站)",
  // A model is trained ("学習させたモデル", "한국어 댓글로 학습한 ELECTRA 모델"): the word's other sense.
  "(?:機械|深層|強化|転移|連合|メタ|教師あり|教師なし|自己教師あり|事前)学習|学習率|学習済み|学習データ|学習(?:した|させた)(?=[^。\\n]{0,30}モデル)",
  "(?:머신|딥) ?러닝|(?:기계|심층|강화|지도|비지도|전이|연합|사전|추가) ?학습|학습률|학습 ?데이터|학습(?:한|된|시킨)(?=[^.\\n]{0,30}모델)",
  "машинн\\p{L}* обучени\\p{L}*|глубок\\p{L}* обучени\\p{L}*|обучени\\p{L}* с подкреплением|обучени\\p{L}* (?:моделей|модели|нейросет\\p{L}*|нейронн\\p{L}* сет\\p{L}*)",
  `${WORD_START}(?:học máy|học sâu|học tăng cường)${WORD_END}`,
  `${WORD_START}(?:aprendizaje (?:autom[áa]tico|profundo|por refuerzo)|aprendizado (?:de m[áa]quina|profundo|por refor[çc]o)|aprendizagem (?:de m[áa]quina|profunda|autom[áa]tica))${WORD_END}`,
].join("|");
