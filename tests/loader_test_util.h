// Helpers for the scenario loader's tests: load text as s.yaml, read its problems' headlines,
// load what must be valid (checking the model's invariants), find components by id.
#ifndef VPCREACH_TESTS_LOADER_TEST_UTIL_H_
#define VPCREACH_TESTS_LOADER_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "model/scenario_loader.h"

namespace vpcreach::loader_testing {

inline LoadResult Load(const std::string& text) { return LoadScenarioText("s.yaml", text); }

inline std::vector<std::string> Headlines(const LoadResult& result) {
  std::vector<std::string> out;
  for (const Diagnostic& d : result.diagnostics.Items()) out.push_back(Diagnostics::Headline(d));
  return out;
}

// The one problem `text` has, as its headline; fails the test when it has none or several.
inline std::string OnlyProblem(const std::string& text) {
  LoadResult result = Load(text);
  EXPECT_EQ(result.diagnostics.Size(), 1u) << result.diagnostics.Format();
  return result.diagnostics.Empty() ? "" : Diagnostics::Headline(result.diagnostics.Items()[0]);
}

// Loads a scenario that must be valid, and checks the model's invariants.
inline Model LoadValid(const std::string& text) {
  LoadResult result = Load(text);
  EXPECT_TRUE(result.ok()) << result.diagnostics.Format();
  EXPECT_EQ(result.model.CheckInvariants(), "");
  return result.model;
}

template <typename T>
Index IndexOf(const std::vector<T>& items, const std::string& id) {
  for (Index i = 0; i < items.size(); ++i) {
    if (items[i].id == id) return i;
  }
  ADD_FAILURE() << "no component " << id;
  return kNone;
}

template <typename T>
const T& Get(const std::vector<T>& items, const std::string& id) {
  Index i = IndexOf(items, id);
  if (i == kNone) std::abort();
  return items[i];
}

}  // namespace vpcreach::loader_testing

#endif  // VPCREACH_TESTS_LOADER_TEST_UTIL_H_
