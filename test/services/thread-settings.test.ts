import { describe, expect, it } from 'vitest';
import { applyAutomaticThreads, automaticIntraOpThreads } from '../../src-main/tensorflow/threads';
import { applyTrainingThreads } from '../../src-main/services/thread-settings';
import { kernelThreading } from '../../src-main/engine/model/kernels/native-kernels';

describe('training threads', () => {
  it('uses half the cores per op by default, at least one', () => {
    expect(automaticIntraOpThreads(1)).toBe(1);
    expect(automaticIntraOpThreads(2)).toBe(1);
    expect(automaticIntraOpThreads(8)).toBe(4);
    expect(automaticIntraOpThreads(13)).toBe(6);
  });

  it('leaves a count the user set in the environment alone', () => {
    const env: NodeJS.ProcessEnv = { TF_NUM_INTRAOP_THREADS: '3' };
    applyAutomaticThreads(env, 16);
    expect(env.TF_NUM_INTRAOP_THREADS).toBe('3');
    const empty: NodeJS.ProcessEnv = { TF_NUM_INTRAOP_THREADS: '' };
    applyAutomaticThreads(empty, 16);
    expect(empty.TF_NUM_INTRAOP_THREADS).toBe('8');
  });

  it("writes the setting into both pools and our kernels' cap, and automatic back to the defaults", () => {
    const env: NodeJS.ProcessEnv = {};
    applyTrainingThreads(6, env, 8);
    expect(env.TF_NUM_INTRAOP_THREADS).toBe('6');
    expect(env.TF_NUM_INTEROP_THREADS).toBe('6');
    expect(env.RECURRENT_RNN_THREADS).toBe('6');
    expect(kernelThreading(env, 8).threads).toBe(6);
    applyTrainingThreads(null, env, 8);
    expect(env.TF_NUM_INTRAOP_THREADS).toBe('4');
    expect(env.TF_NUM_INTEROP_THREADS).toBeUndefined();
    expect(env.RECURRENT_RNN_THREADS).toBeUndefined();
    expect(kernelThreading(env, 8).threads).toBe(8);
  });
});
