import type { AnalysisProfile } from "@/server/analysis/analyzer";
import { welcomeWeightBySkill } from "@/server/analysis/heuristic/heuristic-issues";
import type { RepoSignals } from "@/server/analysis/heuristic/heuristic-repo-signals";

/**
 * fitScore = 10 × the weighted mean of the signals that apply, rounded to one decimal. Topic and goal
 * signals drop out (and the others are re-weighted) when the profile has no topics or no goal words, so
 * an empty field neither helps nor hurts. A repository that is kept never scores below 0.1, because 0
 * means rejected.
 */

const signalWeights = { language: 0.3, topics: 0.15, goals: 0.25, skill: 0.15, activity: 0.15 } as const;

/**
 * A README that covers most goal words once or twice reaches about 0.3 of BM25's saturated ceiling, so
 * 0.3 counts as a full goal match.
 */
const GOAL_FULL_MATCH = 0.3;

function roundToTenth(value: number): number {
  return Math.round(value * 10) / 10;
}

export function scoreFit(options: { signals: RepoSignals; profile: AnalysisProfile }): number {
  const { signals, profile } = options;
  const parts: Array<readonly [number, number]> = [
    [signalWeights.language, signals.language.score],
    [signalWeights.skill, signals.skill.score],
    [signalWeights.activity, signals.activity.score],
  ];
  if (signals.welcome.score !== null)
    parts.push([welcomeWeightBySkill[profile.skillLevel], signals.welcome.score]);
  if (signals.topics.score !== null) parts.push([signalWeights.topics, signals.topics.score]);
  if (signals.goals?.applies)
    parts.push([signalWeights.goals, Math.min(1, signals.goals.normalized / GOAL_FULL_MATCH)]);
  const totalWeight = parts.reduce((sum, [weight]) => sum + weight, 0);
  const weighted = parts.reduce((sum, [weight, score]) => sum + weight * score, 0);
  return Math.max(0.1, roundToTenth((10 * weighted) / totalWeight));
}
