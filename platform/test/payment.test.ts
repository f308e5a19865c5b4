import { describe, expect, it } from 'vitest';
import { operatorPayment, PAYMENT_FORMULA } from '../src/certification/payment.js';
import { award } from '../src/certification/count.js';
import { COUNTING_POLICY } from '../src/certification/policy.js';

describe('operator payment (实施细则 art. 23, formula in docs/certification.md)', () => {
  const budget = 1_000_000_00; // 1,000,000 yuan in fen

  it('pays in full when targets and service levels are met', () => {
    expect(operatorPayment(budget, { enterprisesConnected: 300, nodesCertified: 6_000, availabilityBp: 9_990, completenessBp: 9_800 })).toMatchObject({
      achievementBp: 10_000,
      serviceFactorBp: 10_000,
      paymentFen: budget,
    });
  });

  it('pays by achievement, capped at the targets', () => {
    // 40% × 150/300 + 60% × min(1, 9,000/6,000) = 20% + 60% = 80%
    expect(operatorPayment(budget, { enterprisesConnected: 150, nodesCertified: 9_000, availabilityBp: 10_000, completenessBp: 10_000 })).toMatchObject({
      achievementBp: 8_000,
      paymentFen: 80_000_000,
    });
  });

  it('reduces by the weaker service figure, rounding down in fen', () => {
    // availability 98.5% of the 99.5% required → 9,899 bp; completeness 96% ≥ 95% → 10,000 (capped)
    const r = operatorPayment(budget, { enterprisesConnected: 300, nodesCertified: 6_000, availabilityBp: 9_850, completenessBp: 9_600 });
    expect(r.serviceFactorBp).toBe(Math.floor((9_850 * 10_000) / PAYMENT_FORMULA.minAvailabilityBp));
    expect(r.paymentFen).toBe(Math.floor((budget * 10_000 * r.serviceFactorBp) / 10_000 / 10_000));
  });
});

describe('award (实施细则 art. 18)', () => {
  const rule = COUNTING_POLICY.award;
  it('is 0 below 200,000 yuan of total investment, whatever the nodes', () => {
    expect(award({ totalInvestmentFen: 19_999_999, eligibleInvestmentFen: 19_999_999 }, 1000, rule)).toEqual({
      awardFen: 0,
      awardLimitedBy: 'minimum_investment',
    });
    expect(award({ totalInvestmentFen: 20_000_000, eligibleInvestmentFen: 20_000_000 }, 1000, rule)).toEqual({
      awardFen: 6_000_000,
      awardLimitedBy: 'share_of_eligible',
    });
  });

  it('floors 30% of eligible investment to whole fen, exactly, even for very large figures', () => {
    expect(award({ totalInvestmentFen: 20_000_000, eligibleInvestmentFen: 20_000_001 }, 1000, rule).awardFen).toBe(6_000_000);
    expect(award({ totalInvestmentFen: 9e14, eligibleInvestmentFen: 9e14 + 3 }, 0, rule)).toEqual({ awardFen: 0, awardLimitedBy: 'per_node_cap' });
  });
});
