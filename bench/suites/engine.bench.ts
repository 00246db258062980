import { CODE_ID_LIMIT } from '../../src/domain/codes/code-registry.ts';
import { compilePolicy } from '../../src/domain/policy/compile-policy.ts';
import {
  evaluateSchool,
  preparePolicy,
  type SchoolEvaluation,
} from '../../src/domain/policy/evaluate-school.ts';
import type { PupilAttendance } from '../../src/domain/statistics/attendance-context.ts';
import { buildPolicyLibrary } from '../../src/scenario/policy-library.ts';
import { generateSchool, measureCalibration } from '../../src/demo/synthetic-attendance.ts';
import {
  canCollectGarbage,
  collectGarbage,
  readPeakRss,
  sampleMemory,
  timeAgainstBaseline,
} from '../measure.ts';
import type { BenchSuite, SuiteResult } from '../suite.ts';

const PUPILS = 2000;
const POLICY = 'wigston';
const AS_OF = '2025-07-22';
const RATIO_TARGET = 3;
const MEMORY_TARGET_BYTES = 500 * 1024 * 1024;

/**
 * The baseline: the least any evaluation must do, one pass over every pupil's marks on roll
 * tallying codes into a per-pupil Int32Array. It allocates a result per pupil as the
 * evaluation does, and its tallies are checked afterwards, so none of it is dead code.
 */
function tallyCodes(pupils: readonly PupilAttendance[], asOfDayEnd: number): Int32Array[] {
  const tallies: Int32Array[] = [];
  for (const pupil of pupils) {
    const counts = new Int32Array(CODE_ID_LIMIT);
    const marks = pupil.marks;
    const end = Math.min(pupil.rollToDay, asOfDayEnd) * 2;
    for (let s = pupil.rollFromDay * 2; s < end; s++) counts[marks[s]!]!++;
    tallies.push(counts);
  }
  return tallies;
}

function formatRate(marksPerSecond: number): string {
  return `${(marksPerSecond / 1e6).toFixed(1)}M marks/s`;
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function formatPercent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function runEngineBench(): SuiteResult {
  const school = generateSchool(PUPILS);
  const calibration = measureCalibration(school);
  const library = buildPolicyLibrary();
  if (!library.ok) throw new Error('the shipped presets do not load');
  const policy = compilePolicy(library.value, POLICY);
  if (!policy.ok) throw new Error(`preset ${POLICY} does not compile`);
  const prepared = preparePolicy(policy.value, school.calendar, 'england', AS_OF);
  if (!prepared.ok) throw new Error(`preset ${POLICY} does not bind to the bench calendar`);
  const { asOfDayEnd } = prepared.value.context;

  collectGarbage();
  const memoryBefore = sampleMemory();
  let peakHeapUsed = memoryBefore.heapUsedBytes;
  let peakRssSampled = memoryBefore.rssBytes;
  const sampleWhileAlive = (): void => {
    const now = sampleMemory();
    peakHeapUsed = Math.max(peakHeapUsed, now.heapUsedBytes);
    peakRssSampled = Math.max(peakRssSampled, now.rssBytes);
  };

  let lastEvaluation: SchoolEvaluation | undefined;
  const timed = timeAgainstBaseline(
    {
      task: () => tallyCodes(school.pupils, asOfDayEnd),
      inspect: (tallies) => {
        sampleWhileAlive();
        let tallied = 0;
        for (const counts of tallies) for (const n of counts) tallied += n;
        if (tallied !== school.markCount)
          throw new Error(`baseline tallied ${tallied} marks, expected ${school.markCount}`);
      },
    },
    {
      task: () => evaluateSchool(prepared.value, school.pupils),
      inspect: (result) => {
        sampleWhileAlive();
        const { possible } = result.school;
        if (possible !== calibration.possible)
          throw new Error(
            `evaluation counted ${possible} possible sessions, expected ${calibration.possible}`,
          );
        lastEvaluation = result;
      },
    },
    { warmups: 5, rounds: 31 },
  );
  const { baseline, measured: evaluation } = timed;
  // What one evaluation's output holds on to, measured with it alive after a full collection.
  collectGarbage();
  const retainedHeap = sampleMemory().heapUsedBytes - memoryBefore.heapUsedBytes;
  const alerts = lastEvaluation?.pupils.reduce((sum, pupil) => sum + pupil.alerts.length, 0) ?? 0;
  lastEvaluation = undefined;

  const baselineRate = school.markCount / (baseline.medianMs / 1000);
  const evaluationRate = school.markCount / (evaluation.medianMs / 1000);
  const { ratio } = timed;
  const peakRss = Math.max(readPeakRss(), peakRssSampled);
  const gcNote = canCollectGarbage() ? '' : ' (run with --expose-gc for clean samples)';

  return {
    suite: 'engine',
    description: `evaluate ${PUPILS} pupils for a year under the ${POLICY} preset`,
    notes: [
      `school: ${school.pupils.length} pupils, ${school.calendar.days.length} school days, ${school.markCount.toLocaleString('en-GB')} marks on roll`,
      `calibration: overall absence ${formatPercent(calibration.overallAbsence)} (authorised ${formatPercent(calibration.authorisedAbsence)}, unauthorised ${formatPercent(calibration.unauthorisedAbsence)}); persistent ${formatPercent(calibration.persistentAbsence)}, severe ${formatPercent(calibration.severeAbsence)} of pupils`,
      `national 2023/24: overall 7.1% (authorised 4.7%, unauthorised 2.5%); persistent 20.0%, severe 2.3%`,
      `evaluation: ${policy.value.rules.length} rules, ${alerts.toLocaleString('en-GB')} alerts; ${evaluation.runs} rounds, each timing the baseline then the evaluation; the ratio is the median of the rounds' ratios${gcNote}`,
    ],
    metrics: [
      {
        name: 'baseline time',
        value: baseline.medianMs,
        unit: 'ms',
        display: `${baseline.medianMs.toFixed(2)} ms (min ${baseline.minMs.toFixed(2)})`,
      },
      {
        name: 'baseline throughput',
        value: baselineRate,
        unit: 'marks/s',
        display: formatRate(baselineRate),
      },
      {
        name: 'evaluation time',
        value: evaluation.medianMs,
        unit: 'ms',
        display: `${evaluation.medianMs.toFixed(2)} ms (min ${evaluation.minMs.toFixed(2)})`,
      },
      {
        name: 'evaluation throughput',
        value: evaluationRate,
        unit: 'marks/s',
        display: formatRate(evaluationRate),
      },
      { name: 'evaluation / baseline', value: ratio, unit: 'x', display: `${ratio.toFixed(2)}x` },
      { name: 'peak RSS', value: peakRss, unit: 'bytes', display: formatMegabytes(peakRss) },
      {
        name: 'peak heap used',
        value: peakHeapUsed,
        unit: 'bytes',
        display: formatMegabytes(peakHeapUsed),
      },
      {
        name: 'heap held by one evaluation',
        value: retainedHeap,
        unit: 'bytes',
        display: formatMegabytes(retainedHeap),
      },
      {
        name: 'marks',
        value: school.markCount,
        unit: 'marks',
        display: school.markCount.toLocaleString('en-GB'),
      },
      {
        name: 'overall absence',
        value: calibration.overallAbsence,
        unit: 'share',
        display: formatPercent(calibration.overallAbsence),
      },
      {
        name: 'persistent absence',
        value: calibration.persistentAbsence,
        unit: 'share',
        display: formatPercent(calibration.persistentAbsence),
      },
      {
        name: 'severe absence',
        value: calibration.severeAbsence,
        unit: 'share',
        display: formatPercent(calibration.severeAbsence),
      },
    ],
    targets: [
      {
        name: 'evaluation within 3x of baseline',
        target: `<= ${RATIO_TARGET}x`,
        actual: `${ratio.toFixed(2)}x`,
        pass: ratio <= RATIO_TARGET,
      },
      {
        name: 'peak memory under 500 MB',
        target: `< ${formatMegabytes(MEMORY_TARGET_BYTES)} RSS`,
        actual: formatMegabytes(peakRss),
        pass: peakRss < MEMORY_TARGET_BYTES,
      },
    ],
  };
}

/** The policy engine over a generated school, against a tally-only baseline (issue 2). */
export const engineSuite: BenchSuite = {
  name: 'engine',
  description: 'policy engine: full evaluation of a generated school against a tally baseline',
  run: runEngineBench,
};
