// umap-learn fits (a, b) with scipy.optimize.curve_fit, i.e. MINPACK's Levenberg-Marquardt with
// finite-difference derivatives, stopping at a relative change of ~1.5e-8. This is the same
// least-squares problem solved by Levenberg-Marquardt with exact derivatives, run until the step
// stops changing the parameters, so it lands on the same minimum to ~1e-8.
#include "reduce/umap/find_ab.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "topica/error.hpp"

namespace topica::umap {
namespace {

constexpr int kSamples = 300;  // umap-learn: np.linspace(0, spread * 3, 300)

struct Problem {
  std::array<double, kSamples> x{}, y{};
};

Problem target_curve(double spread, double min_dist) {
  Problem p;
  for (int i = 0; i < kSamples; ++i) {
    // np.linspace: start + i * step, with the last point exactly at the end.
    const double x = i == kSamples - 1 ? 3.0 * spread : i * (3.0 * spread / (kSamples - 1));
    p.x[i] = x;
    p.y[i] = x < min_dist ? 1.0 : std::exp(-(x - min_dist) / spread);
  }
  return p;
}

// Sum of squared residuals and the normal equations J^T J, J^T r at (a, b).
struct Normal {
  double cost = 0;
  double jtj[2][2] = {};
  double jtr[2] = {};
};

Normal normal_equations(const Problem& p, double a, double b) {
  Normal n;
  for (int i = 0; i < kSamples; ++i) {
    const double x = p.x[i];
    // x^(2b) and its derivative in b; both vanish at x = 0 for b > 0 (x^(2b) ln x -> 0).
    const double pw = x > 0 ? std::pow(x, 2.0 * b) : 0.0;
    const double dpw_db = x > 0 ? 2.0 * pw * std::log(x) : 0.0;
    const double denom = 1.0 + a * pw;
    const double r = 1.0 / denom - p.y[i];
    const double ja = -pw / (denom * denom);
    const double jb = -a * dpw_db / (denom * denom);
    n.cost += r * r;
    n.jtj[0][0] += ja * ja;
    n.jtj[0][1] += ja * jb;
    n.jtj[1][1] += jb * jb;
    n.jtr[0] += ja * r;
    n.jtr[1] += jb * r;
  }
  n.jtj[1][0] = n.jtj[0][1];
  return n;
}

double cost_at(const Problem& p, double a, double b) {
  double cost = 0;
  for (int i = 0; i < kSamples; ++i) {
    const double pw = p.x[i] > 0 ? std::pow(p.x[i], 2.0 * b) : 0.0;
    const double r = 1.0 / (1.0 + a * pw) - p.y[i];
    cost += r * r;
  }
  return cost;
}

}  // namespace

CurveParams find_ab(double spread, double min_dist) {
  if (!(spread > 0) || !(min_dist >= 0) || min_dist > spread) {
    throw UsageError(fmt::format("UMAP: need spread > 0 and 0 <= min_dist <= spread (got spread {}, min_dist {})",
                                 spread, min_dist));
  }
  const Problem p = target_curve(spread, min_dist);
  double a = 1.0, b = 1.0;  // curve_fit's default starting point
  double lambda = 1e-3;
  for (int iteration = 0; iteration < 500; ++iteration) {
    const Normal n = normal_equations(p, a, b);
    bool improved = false;
    while (lambda < 1e16) {
      // Marquardt's scaling: damp each parameter in proportion to its own curvature.
      const double m00 = n.jtj[0][0] * (1 + lambda), m11 = n.jtj[1][1] * (1 + lambda), m01 = n.jtj[0][1];
      const double det = m00 * m11 - m01 * m01;
      const double da = -(m11 * n.jtr[0] - m01 * n.jtr[1]) / det;
      const double db = -(m00 * n.jtr[1] - m01 * n.jtr[0]) / det;
      const double na = a + da, nb = b + db;
      if (std::isfinite(na) && std::isfinite(nb) && nb > 0 && cost_at(p, na, nb) < n.cost) {
        const bool converged = std::fabs(da) <= 1e-14 * std::fabs(na) && std::fabs(db) <= 1e-14 * std::fabs(nb);
        a = na;
        b = nb;
        lambda = std::max(lambda / 10, 1e-12);
        improved = true;
        if (converged) return {a, b};
        break;
      }
      lambda *= 10;
    }
    if (!improved) break;  // no step lowers the cost: at the minimum to machine precision
  }
  return {a, b};
}

}  // namespace topica::umap
