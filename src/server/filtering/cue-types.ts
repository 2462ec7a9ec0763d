/**
 * The shapes of the non-project detector's cues, apart from the vocabulary itself (non-project-cues.ts and
 * the per-language cue files), so that each of those can use them without importing the others.
 */

export type EvidenceKind = "learning" | "link-list" | "software";

/** What sort of learning material a cue points at; the reason names the strongest one. */
export type LearningFlavour =
  | "course"
  | "tutorial"
  | "challenge"
  | "exercises"
  | "solutions"
  | "examples"
  | "guide"
  | "book"
  | "notes"
  | "interview"
  | "roadmap"
  | "cheatsheet"
  | "translation"
  | "general";

export type Cue = {
  kind: EvidenceKind;
  weight: number;
  pattern: RegExp;
  flavour?: LearningFlavour;
  /**
   * "manner": how material teaches ("from scratch", "step by step"), whatever the sentence is about, so
   * a software word earlier in the clause does not discount it. "verb": a verb phrase ("Learn X by"),
   * which never modifies a noun after it the way "tutorial" does in "tutorial framework".
   */
  role?: "manner" | "verb";
  /**
   * A letter of this script must occur in the clause for the cue to match there; tested once per clause,
   * it skips the Chinese, Korean or Russian cues on an English description without running each one.
   */
  script?: RegExp;
};

export type TopicCue = { kind: EvidenceKind; weight: number; flavour?: LearningFlavour };
