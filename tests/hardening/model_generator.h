// The model-based test's generator: from a seed, the next step of a random sequence given
// the record so far. Every transition of every loaded workflow is in play, taken by random
// people (holders of the roles it names, recused members, other schools' people, people
// without a role) with random but plausible values (attendance around the quorum, ballots
// of those present with the secretary usually last, recused members usually recused,
// meetings of the right body usually), so that sequences get deep; most steps are still
// refused, which is the point.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "model_world.h"

namespace docket::testing::model {

class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(seed) {}

  // The step numbered `index`, given the record now; `run` names its items by reference.
  Step Next(const Record& r, const Run& run, int index);

 private:
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  template <typename T>
  const T& Pick(const std::vector<T>& xs) { return xs[Uniform(0, static_cast<int>(xs.size()) - 1)]; }

  void Create(const Record& r, const Run& run, Step* step);
  void Act(const Record& r, const Run& run, const Item& item, Step* step);
  // Someone to take `t` on an item of `org`: usually a holder of one of its roles.
  std::string Actor(const Record& r, const Item* item, const std::string& org, const TransitionDef& t);
  // The fields a step of `t` submits: its required ones, some it may set, now and then one
  // it may not.
  void Fields(const Record& r, const Run& run, const Definition& def, const TransitionDef& t, const Item* item,
              const std::string& org, Step* step);
  std::string Value(const Record& r, const Run& run, const FieldDef& f, const Item* item, const std::string& org,
                    const Step& step);
  std::string Meeting(const Record& r, const Run& run, const Item* item, const std::string& org, const Step& step);
  std::vector<std::string> Attendance(const Record& r, const Item* item, const std::string& org, const Step& step);
  std::string Ballot(const Record& r, const Item* item, const std::string& org, const Step& step);
  std::vector<std::string> Subset(const std::vector<std::string>& xs, int k);

  std::mt19937_64 rng_;
};

}  // namespace docket::testing::model
