/**
 * `npm run soak`: the long soak. Trains and forecasts in one process for RECURRENT_SOAK_SECONDS
 * (default 900 s; at most RECURRENT_SOAK_CYCLES cycles, default 5000), then prints the trend
 * table and exits 1 when tensors or RSS grow. One cycle (import, 3 epochs, save, reload,
 * forecast) stands for a user's training run; a quarter hour of back-to-back cycles exceeds an
 * hour of interactive use.
 */
import { formatReport, runSoak } from './soak-core';

const seconds = Number(process.env.RECURRENT_SOAK_SECONDS ?? 900);
const cycles = Number(process.env.RECURRENT_SOAK_CYCLES ?? 5000);

const report = await runSoak({
  cycles,
  maxSeconds: seconds,
  warmup: 20,
  epochsPerRun: 3,
  rssToleranceMb: 64,
  onSample: (s) => {
    if (s.cycle % 50 === 0) {
      console.log(`cycle ${s.cycle}: ${s.seconds.toFixed(0)} s, ${s.tensors} tensors, ${s.rssMb.toFixed(1)} MB RSS`);
    }
  },
});
console.log(formatReport(report, 20));
process.exitCode = report.ok ? 0 : 1;
