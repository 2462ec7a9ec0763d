import { expect } from "vitest";

/**
 * Vitest types its asymmetric matchers as `any`; these return `unknown`, so an expected object that uses
 * them stays type-checked (and the lint's no-unsafe rules keep their meaning).
 */
export const anyString = (): unknown => expect.any(String);
export const stringContaining = (text: string): unknown => expect.stringContaining(text);
export const stringMatching = (pattern: RegExp): unknown => expect.stringMatching(pattern);
