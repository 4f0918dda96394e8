// A test fixture for scenarios that deploy CloudFormation stacks: each test writes its templates
// into a folder of its own, loads a scenario there and reads the diagnostics with that folder
// written as DIR/.
#ifndef VPCREACH_TESTS_CLOUDFORMATION_STACK_TEST_FIXTURE_H_
#define VPCREACH_TESTS_CLOUDFORMATION_STACK_TEST_FIXTURE_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "model/scenario_loader.h"

namespace vpcreach::testing {

class StackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("stack_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Writes a template into the test's folder; returns its path.
  std::string Template(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // Loads a scenario (s.yaml in the test's folder) whose text follows `vpcreach: 1`.
  LoadResult Load(const std::string& body) {
    return LoadScenarioText(Path("s.yaml"), "vpcreach: 1\n" + body);
  }
  // Loads one stack `net` from template `t.yaml` with `text`, plus `more` scenario text.
  LoadResult LoadOne(const std::string& text, const std::string& more = "") {
    Template("t.yaml", text);
    return Load("stacks:\n  - {name: net, template: t.yaml}\n" + more);
  }
  // Every diagnostic's headline, with the test folder written as DIR.
  std::vector<std::string> Headlines(const LoadResult& loaded) const {
    std::vector<std::string> out;
    for (const Diagnostic& d : loaded.diagnostics.Items()) {
      out.push_back(WithoutDir(Diagnostics::Headline(d)));
    }
    return out;
  }
  // The only diagnostic's headline, with the test folder written as DIR.
  std::string OnlyProblem(const LoadResult& loaded) const {
    EXPECT_EQ(loaded.diagnostics.Size(), 1u) << loaded.diagnostics.Format();
    if (loaded.diagnostics.Empty()) return "";
    return WithoutDir(Diagnostics::Headline(loaded.diagnostics.Items()[0]));
  }

  std::filesystem::path dir_;

 private:
  std::string WithoutDir(std::string text) const {
    std::string dir = dir_.string() + "/";
    for (size_t at; (at = text.find(dir)) != std::string::npos;)
      text.replace(at, dir.size(), "DIR/");
    return text;
  }
};

// The component of `items` with id `id`; fails the test (and returns a default) when none.
template <typename T>
const T& Named(const std::vector<T>& items, const std::string& id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  EXPECT_NE(it, items.end()) << "no " << id;
  static const T kMissing{};
  return it == items.end() ? kMissing : *it;
}

template <typename T>
Index IndexOf(const std::vector<T>& items, const std::string& id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  return it == items.end() ? kNone : static_cast<Index>(it - items.begin());
}

}  // namespace vpcreach::testing

#endif  // VPCREACH_TESTS_CLOUDFORMATION_STACK_TEST_FIXTURE_H_
