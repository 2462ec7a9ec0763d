import { describe, expect, it } from "vitest";
import { readDescriptionEvidence } from "@/server/filtering/read-description-evidence";

const learningTexts = (description: string) =>
  readDescriptionEvidence(description)
    .filter((item) => item.kind === "learning")
    .map((item) => item.text.toLowerCase());

describe("descriptions of collections of implementations", () => {
  it("reads a collection of algorithms, data structures or design patterns in any wording", () => {
    expect(learningTexts("Algorithms and Data Structures implemented in Java")).toHaveLength(1);
    expect(learningTexts("💻 JavaScript implementations of computer science algorithms")).toEqual([
      "implementations of computer science algorithms",
    ]);
    expect(learningTexts("The 23 (GoF) design patterns implemented in JavaScript").length).toBeGreaterThan(0);
    expect(
      learningTexts("Algoritmos e Estruturas de Dados implementados em diversas linguagens"),
    ).toHaveLength(1);
  });

  it("does not read a library of one algorithm or a library named as such", () => {
    expect(learningTexts("A fast Fourier transform implemented in Rust")).toEqual([]);
    expect(learningTexts("Graph data structure library for Rust")).toEqual([]);
  });
});
