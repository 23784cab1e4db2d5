/** The forecast part of the quality report holds the statistical peers to the suite's own targets. */
import { describe, expect, it } from 'vitest';
import { peerComparison, seasonalPeerMean } from './report';
import type { PeerScores } from './peers';
import type { QualityResult } from './run-case';

const peers = (ets: number, arima: number): PeerScores => ({
  ets: { rmse: ets, form: 'ETS(A,N,N)' },
  arima: { rmse: arima, form: 'ARIMA(0,1,1)' },
});

/** A monthly series whose model and naive forecast scored as given. */
function result(model: number, naive: number, before: PeerScores, training?: PeerScores): QualityResult {
  return {
    case: { name: 's', part: 'tuning', file: 'x.csv', target: 'y' },
    period: 12,
    model,
    naive,
    seasonalNaive: null,
    floor: null,
    peers: before,
    ...(training ? { trainingPeers: training } : {}),
  } as unknown as QualityResult;
}

describe('the peers in the forecast report', () => {
  it('counts the series each peer would pass in the model’s place, fitted before the test part and on the training part', () => {
    const results = [
      // The defaults pass; ETS fitted late passes, fitted early it does not; ARIMA never beats naive.
      result(8, 10, peers(9, 10), peers(11, 12)),
      // The defaults miss; both peers fitted late beat naive, only ARIMA fitted early does.
      result(12, 10, peers(9, 9.5), peers(10, 9.9)),
    ];
    const lines = peerComparison(results);
    expect(lines[0]).toContain('over 2 series: the defaults 1; fitted before the test part, ETS 2 and ARIMA 1;');
    expect(lines[0]).toContain('fitted on the training part only, as the defaults choose, ETS 0 and ARIMA 1.');
    // Against the better training-part peer: 8 / 11 and 12 / 9.9.
    expect(lines[1]).toContain(`geometric mean ${Math.sqrt((8 / 11) * (12 / 9.9)).toFixed(3)} over 2 series`);
  });

  it('says nothing of the training-part peers when they were not run', () => {
    const results = [result(8, 10, peers(9, 10))];
    expect(peerComparison(results)).toEqual([]);
    expect(seasonalPeerMean(results)?.mean).toBeCloseTo(8 / 9, 12);
    expect(seasonalPeerMean(results, (r) => r.trainingPeers)).toBeNull();
  });
});
