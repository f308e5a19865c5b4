// The operator's payment (实施细则 art. 23: set from the year's budget, the number of enterprises
// actually connected and the number of nodes, with the service behind them). The policy texts fix
// no formula, so this one is the operator's contract setting, documented in docs/certification.md:
//
//   payment = budget × (wE × min(1, enterprises / targetEnterprises) + wN × min(1, nodes / targetNodes))
//                    × service factor
//   service factor = 1 when availability ≥ minAvailability and completeness ≥ minCompleteness,
//                    else the smaller of availability / minAvailability and completeness / minCompleteness
//
// Shares are in basis points (1/10,000) and money in integer fen, computed with BigInt, rounded down.
export interface PaymentFormula {
  version: string;
  targetEnterprises: number; // operator setting
  targetNodes: number; // 关于推进边端智算网络建设 item 4 (004_…txt): at least 6,000 nodes by 2027
  weightEnterprisesBp: number;
  weightNodesBp: number;
  minAvailabilityBp: number;
  minCompletenessBp: number;
}

export const PAYMENT_FORMULA: Readonly<PaymentFormula> = Object.freeze({
  version: 'edgenet-payment-v1',
  targetEnterprises: 300,
  targetNodes: 6_000,
  weightEnterprisesBp: 4_000, // 40% on enterprises connected
  weightNodesBp: 6_000, // 60% on nodes certified
  minAvailabilityBp: 9_950, // 99.5% of minutes with the ingest path up
  minCompletenessBp: 9_500, // 95% of expected heartbeats received
});

export interface ServiceFigures {
  enterprisesConnected: number;
  nodesCertified: number;
  availabilityBp: number;
  completenessBp: number;
}

const BP = 10_000n;
const capped = (part: number, target: number): bigint => (target <= 0 ? BP : (BigInt(Math.min(part, target)) * BP) / BigInt(target));

export function operatorPayment(budgetFen: number, f: ServiceFigures, formula: PaymentFormula = PAYMENT_FORMULA) {
  const achievementBp =
    (BigInt(formula.weightEnterprisesBp) * capped(f.enterprisesConnected, formula.targetEnterprises) +
      BigInt(formula.weightNodesBp) * capped(f.nodesCertified, formula.targetNodes)) /
    BP;
  const serviceBp = [
    (BigInt(f.availabilityBp) * BP) / BigInt(formula.minAvailabilityBp),
    (BigInt(f.completenessBp) * BP) / BigInt(formula.minCompletenessBp),
  ].reduce((min, x) => (x < min ? x : min), BP);
  const paymentFen = (BigInt(budgetFen) * achievementBp * serviceBp) / (BP * BP);
  return { formula, achievementBp: Number(achievementBp), serviceFactorBp: Number(serviceBp), paymentFen: Number(paymentFen) };
}
