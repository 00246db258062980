import type { Alert } from '../policy/rules/rule-run.ts';

/** One rung of a school's escalation ladder. */
export interface CaseStage {
  readonly stage: number;
  readonly title: string;
  /** Policy rules whose alerts suggest a pupil belongs at least at this stage. */
  readonly rules: readonly string[];
}

export interface CaseLadder {
  readonly id: string;
  readonly title: string;
  readonly stages: readonly CaseStage[];
  /** The stage from which parents get weekly attendance updates while the case is open. */
  readonly weeklyUpdatesFrom?: number;
}

/** Wigston Academies Trust's six stages (seed 002); rule ids are the wigston preset's. */
export const WIGSTON_LADDER: CaseLadder = {
  id: 'wigston',
  title: 'Wigston Academies Trust attendance stages',
  // Stage 2: "weekly messages sent for a focus period informing parents if their child's
  // attendance has increased or decreased"; later stages keep the pupil monitored.
  weeklyUpdatesFrom: 2,
  stages: [
    {
      stage: 1,
      title: 'Phone call home about the absence concern; welfare check',
      rules: ['welfare-check', 'welfare-check-3-in-3', 'attendance-below-98'],
    },
    {
      stage: 2,
      title: 'Concern letter 1 and weekly messages for a focus period; student clinic below 92%',
      rules: ['attendance-below-95', 'attendance-below-92'],
    },
    {
      stage: 3,
      title: 'Concern letter 2: absence not improving (below 90%)',
      rules: ['attendance-below-90'],
    },
    {
      stage: 4,
      title: 'Attendance surgery with parents; LA proceedings explained (persistent absence)',
      rules: ['persistent-absence'],
    },
    { stage: 5, title: 'Family/school contract with the education welfare officer', rules: [] },
    {
      stage: 6,
      title: 'Local authority escalation: parenting contract, attendance panel, EWO referral',
      rules: ['pme-15-days', 'pme-20-sessions-month', 'holiday-report'],
    },
  ],
};

/** Roch CP School's five-step approach (seed 000, Appendix 1); rule ids are the roch-cp preset's. */
export const ROCH_LADDER: CaseLadder = {
  id: 'roch-cp',
  title: 'Roch CP School five step approach',
  stages: [
    {
      stage: 1,
      title: 'School based interventions; referral to the Pupil Support Officer on the 3rd day',
      rules: ['pso-referral'],
    },
    {
      stage: 2,
      title: 'Advice and consultation with the Pupil Support Service',
      rules: ['holiday-over-10-days'],
    },
    { stage: 3, title: 'Referral to the Pupil Support Service', rules: ['pss-referral'] },
    { stage: 4, title: 'Case review and assessment', rules: [] },
    { stage: 5, title: 'Statutory action', rules: ['penalty-notice-threshold'] },
  ],
};

export const CASE_LADDERS: readonly CaseLadder[] = [WIGSTON_LADDER, ROCH_LADDER];

export function findCaseLadder(id: string): CaseLadder | undefined {
  return CASE_LADDERS.find((ladder) => ladder.id === id);
}

/** The ladder a school's policy preset comes with (Wigston, Roch), if any. */
export function findSchoolCaseLadder(policyPreset: string): CaseLadder | undefined {
  return findCaseLadder(policyPreset);
}

/** Whether a case at this stage is monitored: its parents get weekly attendance updates. */
export function isMonitoredStage(ladder: CaseLadder, stage: number): boolean {
  return ladder.weeklyUpdatesFrom !== undefined && stage >= ladder.weeklyUpdatesFrom;
}

/** A stage the alerts point to, with the alerts that point there; staff decide whether to move. */
export interface StageProposal {
  readonly stage: number;
  readonly title: string;
  readonly because: readonly Alert[];
}

/**
 * Propose the stage a pupil's alerts point to when it is beyond the current one (0: no case
 * yet), or null. Rollcall proposes; people decide, so nothing here moves a case.
 */
export function proposeCaseStage(
  ladder: CaseLadder,
  alerts: readonly Alert[],
  currentStage: number,
): StageProposal | null {
  let best: StageProposal | null = null;
  for (const stage of ladder.stages) {
    const matching = alerts.filter((alert) => stage.rules.includes(alert.rule));
    if (matching.length > 0 && stage.stage > currentStage && stage.stage > (best?.stage ?? 0))
      best = { stage: stage.stage, title: stage.title, because: matching };
  }
  return best;
}

/** The key naming one alert of one pupil: its rule and the session it was raised at. */
export function describeAlertKey(alert: Pick<Alert, 'rule' | 'date' | 'session'>): string {
  return `${alert.rule}@${alert.date} ${alert.session}`;
}

/** What the alerts call for: a case opened at a stage, or an open case moved up to one. */
export interface CaseAction extends StageProposal {
  readonly kind: 'open' | 'advance';
  /** The open case's stage, or 0 when there is none. */
  readonly fromStage: number;
}

/**
 * The case action a pupil's alerts call for, leaving out alerts staff already decided on
 * (accepted or dismissed), so a dismissed alert is not proposed again. Null when none.
 */
export function proposeCaseAction(
  ladder: CaseLadder,
  alerts: readonly Alert[],
  openStage: number | null,
  decided: ReadonlySet<string>,
): CaseAction | null {
  const undecided = alerts.filter((alert) => !decided.has(describeAlertKey(alert)));
  const proposal = proposeCaseStage(ladder, undecided, openStage ?? 0);
  if (proposal === null) return null;
  return { ...proposal, kind: openStage === null ? 'open' : 'advance', fromStage: openStage ?? 0 };
}
