// find_ab against umap-learn 0.5.3's find_ab_params (scipy curve_fit) on this machine:
//   /usr/bin/python3 -c 'from umap.umap_ import find_ab_params; print(find_ab_params(1.0, 0.1))'
// curve_fit stops at a relative change of ~1.5e-8 in the cost, which leaves its parameters up to
// ~3e-6 (relative) from the minimum for the steepest curves; find_ab goes to the minimum, so it
// is held to 5e-6 of umap-learn's values and to 1e-8 of the minimum itself (curve_fit run with
// ftol = xtol = gtol = 1e-15).
#include "reduce/umap/find_ab.hpp"

#include <gtest/gtest.h>

#include "topica/error.hpp"

namespace topica::umap {
namespace {

struct Reference {
  double spread, min_dist, a, b;
};

constexpr Reference kUmapLearn[] = {
    {1.0, 0.0, 1.9328083975546724, 0.7904949734010681},  // BERTopic's min_dist
    {1.0, 0.1, 1.5769434601962196, 0.8950608779914887},  // umap-learn's default
    {1.0, 0.01, 1.8956058659900246, 0.8006378439765344},
    {1.0, 0.5, 0.583030020479462, 1.3341669929263487},
    {2.0, 0.1, 0.5446605403757238, 0.8420554264219823},
    {0.5, 0.05, 5.453765169450458, 0.895060800578879},
    {1.0, 0.99, 0.11930530006447332, 1.9163904159174419},
    {3.0, 1.0, 0.0730786239935076, 1.1488894376688874},
};

TEST(FindAb, MatchesUmapLearn) {
  for (const Reference& r : kUmapLearn) {
    const CurveParams p = find_ab(r.spread, r.min_dist);
    EXPECT_NEAR(p.a, r.a, 5e-6 * r.a) << "spread " << r.spread << " min_dist " << r.min_dist;
    EXPECT_NEAR(p.b, r.b, 5e-6 * r.b) << "spread " << r.spread << " min_dist " << r.min_dist;
  }
}

TEST(FindAb, ReachesTheLeastSquaresMinimum) {
  const CurveParams steep = find_ab(1.0, 0.99);
  EXPECT_NEAR(steep.a, 0.11930558785047353, 1e-8 * 0.1193);
  EXPECT_NEAR(steep.b, 1.9163887730178555, 1e-8 * 1.916);
  const CurveParams usual = find_ab(1.0, 0.1);
  EXPECT_NEAR(usual.a, 1.576943613401783, 1e-8 * 1.577);
  EXPECT_NEAR(usual.b, 0.895060719336293, 1e-8 * 0.895);
}

TEST(FindAb, RejectsImpossibleCurves) {
  EXPECT_THROW(find_ab(1.0, 1.5), UsageError);
  EXPECT_THROW(find_ab(1.0, -0.1), UsageError);
  EXPECT_THROW(find_ab(0.0, 0.0), UsageError);
}

}  // namespace
}  // namespace topica::umap
