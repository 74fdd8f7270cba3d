/** Collects what the design says besides its artifacts: decisions, risks, questions, assumptions. */
import type { Decision, Risk, RuleId } from './rules.js';

export class Notes {
  readonly decisions: Decision[] = [];
  readonly risks: Risk[] = [];
  readonly questions: string[] = [];
  readonly assumptions: string[] = [];

  decide(rule: RuleId, subject: string, decision: string, why: string): void {
    this.decisions.push({ rule, subject, decision, why });
  }

  risk(level: Risk['level'], subject: string, text: string, rule?: RuleId): void {
    if (this.risks.some((r) => r.subject === subject && r.text === text)) return;
    this.risks.push({ level, subject, text, ...(rule === undefined ? {} : { rule }) });
  }

  ask(question: string): void {
    if (!this.questions.includes(question)) this.questions.push(question);
  }

  assume(text: string): void {
    if (!this.assumptions.includes(text)) this.assumptions.push(text);
  }
}

/** Ceiling that tolerates floating-point noise (33.333…01 / 3 → 12, not 13). */
export function ceil(value: number): number {
  return Math.ceil(value - 1e-9);
}

export const GiB = 2 ** 30;
export const TiB = 2 ** 40;
