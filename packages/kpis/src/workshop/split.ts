/**
 * Splits `total` fen among technicians in proportion to their labour hours (evenly when none were booked),
 * by largest remainder, so the shares are whole fen and add up to `total` exactly. Ties go to the
 * technician listed first. Hours have at most two decimals; they are compared in hundredths.
 */
export const splitByHours = (
  total: number,
  technicians: readonly { readonly technicianId: string; readonly labourHours: number }[],
): { technicianId: string; share: number }[] => {
  if (technicians.length === 0) return [];
  const weights = technicians.map((t) => Math.round(t.labourHours * 100));
  const sum = weights.reduce((a, b) => a + b, 0);
  const w = sum === 0 ? technicians.map(() => 1) : weights;
  const W = sum === 0 ? technicians.length : sum;
  const shares = w.map((weight, i) => ({ i, share: Math.floor((total * weight) / W), rest: (total * weight) % W }));
  let left = total - shares.reduce((a, s) => a + s.share, 0);
  for (const s of [...shares].sort((a, b) => b.rest - a.rest || a.i - b.i)) {
    if (left === 0) break;
    s.share += 1;
    left -= 1;
  }
  return shares.map((s) => ({ technicianId: technicians[s.i]!.technicianId, share: s.share }));
};
