// McIlroy's adversary ("A killer adversary for quicksort", 1999) against libstdc++'s
// std::nth_element: prints n distinct integers that drive its introselect to the depth limit,
// so scikit-learn's KDTree partitions them through the heap-select fallback. Used by
// scripts/make_kdtree_fixtures.py (g++ introselect_killer.cpp; ./a.out N NTH).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

static std::vector<long> value;
static long gas, solid = 0, candidate = -1;

// Values start as "gas" (larger than anything solid); a comparison of two gas values freezes
// one of them, preferring the one not suspected to be the pivot.
struct Adversary {
  bool operator()(long x, long y) const {
    if (value[x] == gas && value[y] == gas) {
      if (x == candidate) value[x] = solid++; else value[y] = solid++;
    }
    if (value[x] == gas) candidate = x; else if (value[y] == gas) candidate = y;
    return value[x] < value[y];
  }
};

int main(int argc, char** argv) {
  if (argc != 3) { fprintf(stderr, "usage: %s N NTH\n", argv[0]); return 2; }
  long n = atol(argv[1]), nth = atol(argv[2]);
  gas = n;
  value.assign(n, gas);
  std::vector<long> order(n);
  for (long i = 0; i < n; i++) order[i] = i;
  std::nth_element(order.begin(), order.begin() + nth, order.end(), Adversary());
  for (long i = 0; i < n; i++) if (value[i] == gas) value[i] = solid++;
  for (long i = 0; i < n; i++) printf("%ld\n", value[i]);
  return 0;
}
