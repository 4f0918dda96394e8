// Endpoint names resolve to the ENIs, subnets and address ranges they stand for.
#include "sim/endpoint.h"

#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace vpcreach::testing {
namespace {

const char* kNetwork = R"(
vpcreach: 1
vpcs: {v: {cidr: 10.0.0.0/16}}
subnets:
  a: {vpc: v, cidr: 10.0.0.0/24, az: a}
  b: {vpc: v, cidr: 10.0.1.0/24, az: b}
enis:
  web: {subnet: a, private_ip: 10.0.0.10, public_ip: 54.0.0.1}
sagemaker:
  notebook_instances:
    nb: {subnet: a, security_groups: [v-default-sg]}
    cloud: {}
  training_jobs:
    job: {subnets: [a, b], security_groups: [v-default-sg], instance_count: 3}
)";

Endpoint Resolve(const Network& n, const std::string& name) {
  std::string error;
  std::optional<Endpoint> e = ResolveEndpoint(*n.model, name, &error);
  EXPECT_TRUE(e.has_value()) << name << ": " << error;
  return e.value_or(Endpoint{});
}

std::string Error(const Network& n, const std::string& name) {
  std::string error;
  EXPECT_FALSE(ResolveEndpoint(*n.model, name, &error).has_value()) << name;
  return error;
}

TEST(EndpointTest, EniCoversItsPrivateAndPublicAddresses) {
  Network n = Load(kNetwork);
  Endpoint e = Resolve(n, "web");
  EXPECT_EQ(e.addresses.ToString(), "10.0.0.10/32, 54.0.0.1/32");
  ASSERT_EQ(e.Origins(*n.model).size(), 1u);
  EXPECT_EQ(e.Origins(*n.model)[0].kind, OriginKind::kEni);
}

TEST(EndpointTest, TrainingJobMeansEveryInstanceAndIndexOne) {
  Network n = Load(kNetwork);
  EXPECT_EQ(Resolve(n, "job").enis.size(), 3u);
  Endpoint second = Resolve(n, "job[1]");
  ASSERT_EQ(second.enis.size(), 1u);
  EXPECT_EQ(n.model->enis[second.enis[0]].id, "job[1]");
  EXPECT_EQ(n.model->subnets[n.model->enis[second.enis[0]].subnet].id, "b");  // round-robin
  EXPECT_EQ(Error(n, "job[3]"), "training job job has 3 instances; job[3] does not exist");
}

TEST(EndpointTest, SubnetCoversUnheldAddressesAsHosts) {
  Network n = Load(kNetwork);
  Endpoint a = Resolve(n, "a");
  std::vector<Origin> origins = a.Origins(*n.model);
  // web, nb, job[0], job[2] hold addresses in a; the rest are subnet hosts.
  ASSERT_EQ(origins.size(), 5u);
  const Origin& hosts = origins.back();
  EXPECT_EQ(hosts.kind, OriginKind::kSubnetHost);
  EXPECT_FALSE(hosts.addresses.Contains(*ParseIpv4("10.0.0.3")));   // reserved
  EXPECT_FALSE(hosts.addresses.Contains(*ParseIpv4("10.0.0.10")));  // web
  EXPECT_TRUE(hosts.addresses.Contains(*ParseIpv4("10.0.0.200")));
  EXPECT_FALSE(hosts.addresses.Contains(*ParseIpv4("10.0.0.255")));  // broadcast
  EXPECT_TRUE(a.AcceptsSubnetHosts());
}

TEST(EndpointTest, ServicesAndLiteralsOutsideAreOutside) {
  Network n = Load(kNetwork);
  Endpoint internet = Resolve(n, "internet");
  EXPECT_TRUE(internet.outside);
  EXPECT_FALSE(internet.addresses.Contains(*ParseIpv4("10.1.2.3")));
  EXPECT_TRUE(internet.addresses.Contains(*ParseIpv4("8.8.8.8")));
  Endpoint pypi = Resolve(n, "pypi");
  ASSERT_EQ(pypi.default_ports.size(), 1u);
  EXPECT_EQ(pypi.default_ports[0].from, 443);
  EXPECT_TRUE(Resolve(n, "198.51.100.0/24").outside);
  Endpoint inside = Resolve(n, "10.0.0.10");
  EXPECT_FALSE(inside.outside);
  EXPECT_EQ(inside.enis.size(), 1u);
}

TEST(EndpointTest, NotebookWithoutVpcIsInSageMakersNetwork) {
  Network n = Load(kNetwork);
  Endpoint cloud = Resolve(n, "cloud");
  ASSERT_TRUE(cloud.sagemaker_notebook.has_value());
  EXPECT_EQ(cloud.Origins(*n.model).at(0).kind, OriginKind::kSageMaker);
}

TEST(EndpointTest, UnknownNamesSuggestTheClosest) {
  Network n = Load(kNetwork);
  EXPECT_EQ(Error(n, "pypy"), "unknown endpoint 'pypy'; did you mean 'pypi'?");
  EXPECT_EQ(Error(n, "zzzzzzzz"),
            "unknown endpoint 'zzzzzzzz'; name an ENI, notebook, training job, workload, "
            "interface endpoint, subnet, service, gateway, IP address or CIDR (`vpcreach names` "
            "lists them)");
}

TEST(EndpointTest, ComponentKinds) {
  EXPECT_TRUE(IsComponentKind("nat_gateway"));
  EXPECT_TRUE(IsComponentKind("sagemaker_network"));
  EXPECT_FALSE(IsComponentKind("nat"));
}

}  // namespace
}  // namespace vpcreach::testing
