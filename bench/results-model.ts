/** One figure of a benchmark: our value against the baseline measured in the same run. */
export interface Measurement {
  /** The case measured, such as "30 s job" or "50 MB export". */
  case: string;
  metric: string;
  unit: string;
  ours: number;
  /** Absent where no baseline applies, such as the bundle's size. */
  baseline?: number;
  /** Extra context shown after the table, such as a spread or a count of failures. */
  note?: string;
}

/** Outcome of one benchmark. When it failed, `error` is set and there are no measurements. */
export interface BenchmarkResult {
  id: string;
  title: string;
  /** Description of the baseline that this benchmark's measurements compare against. */
  baseline: string;
  measurements: Measurement[];
  /** Wall-clock time the benchmark took, in seconds. */
  seconds: number;
  error?: string;
}

/** Figures of one benchmark, as a benchmark module returns them. */
export interface BenchmarkFigures {
  baseline: string;
  measurements: Measurement[];
}

/** Ours divided by the baseline, or undefined when there is no baseline or it is 0. */
export function ratio(measurement: Measurement): number | undefined {
  const { baseline } = measurement;
  return baseline === undefined || baseline === 0 ? undefined : measurement.ours / baseline;
}

/** Median of the values (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  if (values.length === 0) {
    throw new Error('The median of no values is undefined.');
  }
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
