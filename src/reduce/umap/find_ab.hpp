// The low-dimensional similarity curve 1 / (1 + a * d^(2b)) that UMAP fits to min_dist and spread.
#pragma once

namespace topica::umap {

struct CurveParams {
  double a = 0;
  double b = 0;
};

/// Least-squares fit of 1 / (1 + a x^(2b)) to the offset exponential that is 1 below min_dist and
/// exp(-(x - min_dist) / spread) above it, on 300 points evenly spaced over [0, 3 spread], from
/// a = b = 1: what umap-learn 0.5.3 (umap_.py: find_ab_params) does through scipy's curve_fit.
/// For spread 1, min_dist 0.1: a = 1.5769, b = 0.8951. Requires 0 <= min_dist <= spread, spread > 0.
CurveParams find_ab(double spread, double min_dist);

}  // namespace topica::umap
