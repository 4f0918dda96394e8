// IPv6 in the template evaluator (issue 12 point 1, template evaluation): the blocks AWS assigns
// to VPCs, `!GetAtt VPC.Ipv6CidrBlocks`, and Fn::Cidr over IPv6 blocks, exact as CloudFormation
// computes them.
#include <gtest/gtest.h>

#include "model/cloudformation/template_evaluator.h"
#include "tests/cloudformation/evaluation_test_util.h"

namespace vpcreach::cfn {
namespace {

Evaluation Evaluate(const std::string& text, DefaultAttributeResolver* resolver = nullptr,
                    const std::string& name = "s", const ExportTable& exports = {}) {
  Evaluation run;
  DefaultAttributeResolver own;
  StackInput input{name, "t.yaml", text, {}};
  run.stack =
      EvaluateStack(input, exports, resolver != nullptr ? resolver : &own, &run.diagnostics);
  return run;
}

// One property V of a custom resource, as Fn::Cidr cases write it.
Evaluation EvaluateValue(const std::string& value) {
  return Evaluate("Resources:\n  R:\n    Type: Custom::Thing\n    Properties:\n      V: " + value +
                  "\n");
}

// --- Fn::Cidr ---------------------------------------------------------------------------------

// The AWS documentation's example of Fn::Cidr ("Basic usage"): six /27s of a /24.
TEST(Ipv6CidrTest, TheDocumentedIpv4ExampleStillHolds) {
  Evaluation run = EvaluateValue(R"(!Cidr ["192.168.0.0/24", 6, 5])");
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
  EXPECT_EQ(run.Prop("R", "V"),
            R"(["192.168.0.0/27", "192.168.0.32/27", "192.168.0.64/27", "192.168.0.96/27", )"
            R"("192.168.0.128/27", "192.168.0.160/27"])");
}

TEST(Ipv6CidrTest, SixtyFourBitsMakeSlash64s) {
  // As widdix's VPC templates cut their VPC's /56: CloudFormation writes each result with all
  // eight groups, not as EC2's canonical text.
  Evaluation run = EvaluateValue("!Cidr ['2600:1f18:2b4:ea00::/56', 4, 64]");
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
  EXPECT_EQ(run.Prop("R", "V"),
            R"(["2600:1f18:2b4:ea00:0:0:0:0/64", "2600:1f18:2b4:ea01:0:0:0:0/64", )"
            R"("2600:1f18:2b4:ea02:0:0:0:0/64", "2600:1f18:2b4:ea03:0:0:0:0/64"])");
}

TEST(Ipv6CidrTest, ExactCases) {
  struct Case {
    const char* value;
    const char* expected;
  };
  for (const Case& c : std::vector<Case>{
           // The last of 256 /64s of a /56.
           {"!Select [255, !Cidr ['2001:db8:0:100::/56', 256, 64]]",
            R"("2001:db8:0:1ff:0:0:0:0/64")"},
           // /56s of a /48; the block may be written in any valid form.
           {"!Cidr ['2001:0DB8:0000::/48', 3, 72]",
            R"(["2001:db8:0:0:0:0:0:0/56", "2001:db8:0:100:0:0:0:0/56", )"
            R"("2001:db8:0:200:0:0:0:0/56"])"},
           // Bits below a group boundary.
           {"!Cidr ['2001:db8::/64', 3, 60]",
            R"(["2001:db8:0:0:0:0:0:0/68", "2001:db8:0:0:1000:0:0:0/68", )"
            R"("2001:db8:0:0:2000:0:0:0/68"])"},
           // Down to pairs of addresses; cidrBits 0 is refused.
           {"!Cidr ['2001:db8::fffe/127', 1, 0]", "<error>"},
           {"!Cidr ['2001:db8::fffc/126', 2, 1]",
            R"(["2001:db8:0:0:0:0:0:fffc/127", "2001:db8:0:0:0:0:0:fffe/127"])"},
           {"!Select [1, !Cidr ['2001:db8::fe00/119', 2, 8]]", R"("2001:db8:0:0:0:0:0:ff00/120")"},
           // The count carries into the next group.
           {"!Select [1, !Cidr ['2001:db8::/111', 2, 16]]", R"("2001:db8:0:0:0:0:1:0/112")"},
           // The whole space.
           {"!Cidr ['::/0', 2, 127]", R"(["0:0:0:0:0:0:0:0/1", "8000:0:0:0:0:0:0:0/1"])"},
           {"!Cidr ['::/0', 1, 128]", R"(["0:0:0:0:0:0:0:0/0"])"},
       }) {
    Evaluation run = EvaluateValue(c.value);
    if (std::string(c.expected) == "<error>") {
      EXPECT_EQ(run.Headlines().size(), 1u) << c.value;
      continue;
    }
    EXPECT_EQ(run.Headlines(), std::vector<std::string>{}) << c.value;
    EXPECT_EQ(run.Prop("R", "V"), c.expected) << c.value;
  }
}

TEST(Ipv6CidrTest, BadInputIsLocatedAsForIpv4) {
  Evaluation run = Evaluate(R"(Resources:
  R:
    Type: Custom::Thing
    Properties:
      A: !Cidr ['2001:db8::/60', 32, 64]
      B: !Cidr ['2001:db8::/56', 1, 80]
      C: !Cidr ['2001:db8::/56', 1, 129]
      D: !Cidr ['2001:db8::1/56', 1, 64]
      E: !Cidr ['2001:db8:::/56', 1, 64]
      F: !Cidr ['2001:db8::/56', 257, 64]
      G: !Cidr ['2001:db8::/56', 4, 0]
)");
  EXPECT_EQ(run.Headlines(),
            (std::vector<std::string>{
                "t.yaml:5:10: Resources.R.Properties.A: Fn::Cidr: 32 subnets of /64 do not fit in "
                "2001:db8::/60 (room for 16)",
                "t.yaml:6:10: Resources.R.Properties.B: Fn::Cidr: cidrBits 80 makes /48 subnets, "
                "larger than the ipBlock 2001:db8::/56",
                "t.yaml:7:10: Resources.R.Properties.C: Fn::Cidr expects cidrBits from 1 to 128 "
                "for an IPv6 ipBlock (the host bits of each subnet), got '129'",
                "t.yaml:8:10: Resources.R.Properties.D: Fn::Cidr: ipBlock '2001:db8::1/56' is not "
                "a CIDR: host bits are set in '2001:db8::1/56'; did you mean 2001:db8::/56?",
                "t.yaml:9:10: Resources.R.Properties.E: Fn::Cidr: ipBlock '2001:db8:::/56' is not "
                "a CIDR: expected an IPv6 CIDR such as 2001:db8::/56, got '2001:db8:::/56'",
                "t.yaml:10:10: Resources.R.Properties.F: Fn::Cidr expects a count from 1 to 256, "
                "got '257'",
                "t.yaml:11:10: Resources.R.Properties.G: Fn::Cidr expects cidrBits from 1 to 128 "
                "for an IPv6 ipBlock (the host bits of each subnet), got '0'"}));
  // The whole message: the echoed line and the caret under the intrinsic.
  Evaluation one = EvaluateValue("!Cidr ['2001:db8::/60', 32, 64]");
  EXPECT_EQ(one.diagnostics.Format(),
            "t.yaml:5:10: Resources.R.Properties.V: Fn::Cidr: 32 subnets of /64 do not fit in "
            "2001:db8::/60 (room for 16)\n"
            "          V: !Cidr ['2001:db8::/60', 32, 64]\n"
            "             ^\n");
  // IPv4 blocks keep their limit of 32 bits.
  EXPECT_EQ(EvaluateValue("!Cidr [10.0.0.0/16, 1, 33]").Headlines(),
            std::vector<std::string>{"t.yaml:5:10: Resources.R.Properties.V: Fn::Cidr expects "
                                     "cidrBits from 1 to 32 (the host bits of each subnet), got "
                                     "'33'"});
}

// --- IPv6 blocks of VPCs -------------------------------------------------------------------

// The AWS documentation's Fn::Cidr example "Creating an IPv6 enabled VPC" (JSON, as written
// there): a subnet takes the first /64 of the VPC's Amazon-provided /56.
const char kDocumentedIpv6Vpc[] = R"({
  "Resources": {
    "ExampleVpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
    "IPv6CidrBlock": {
      "Type": "AWS::EC2::VPCCidrBlock",
      "Properties": {"AmazonProvidedIpv6CidrBlock": true, "VpcId": {"Ref": "ExampleVpc"}}
    },
    "ExampleSubnet": {
      "Type": "AWS::EC2::Subnet",
      "DependsOn": "IPv6CidrBlock",
      "Properties": {
        "AssignIpv6AddressOnCreation": true,
        "CidrBlock": {"Fn::Select": [0, {"Fn::Cidr": [{"Fn::GetAtt": ["ExampleVpc", "CidrBlock"]}, 1, 8]}]},
        "Ipv6CidrBlock": {"Fn::Select": [0, {"Fn::Cidr": [
          {"Fn::Select": [0, {"Fn::GetAtt": ["ExampleVpc", "Ipv6CidrBlocks"]}]}, 1, 64]}]},
        "VpcId": {"Ref": "ExampleVpc"}
      }
    }
  },
  "Outputs": {
    "VpcBlocks": {"Value": {"Fn::Join": [",", {"Fn::GetAtt": ["ExampleVpc", "Ipv6CidrBlocks"]}]}},
    "SubnetBlocks": {"Value": {"Fn::Join": [",", {"Fn::GetAtt": ["ExampleSubnet", "Ipv6CidrBlocks"]}]}},
    "Source": {"Value": {"Fn::GetAtt": ["IPv6CidrBlock", "IpSource"]}},
    "Attribute": {"Value": {"Fn::GetAtt": ["IPv6CidrBlock", "Ipv6AddressAttribute"]}}
  }
})";

TEST(Ipv6BlockTest, TheDocumentedIpv6VpcExampleEvaluates) {
  Evaluation run = Evaluate(kDocumentedIpv6Vpc);
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
  EXPECT_EQ(run.Prop("ExampleSubnet", "CidrBlock"), R"("10.0.0.0/24")");
  EXPECT_EQ(run.Prop("ExampleSubnet", "Ipv6CidrBlock"), R"("2001:db8:0:100:0:0:0:0/64")");
  // Attributes read back as EC2 reports them: canonical text.
  EXPECT_EQ(run.Output("VpcBlocks"), R"("2001:db8:0:100::/56")");
  EXPECT_EQ(run.Output("SubnetBlocks"), R"("2001:db8:0:100::/64")");
  EXPECT_EQ(run.Output("Source"), R"("amazon")");
  EXPECT_EQ(run.Output("Attribute"), R"("public")");
}

TEST(Ipv6BlockTest, EachAssociationGetsTheNextSlash56InOrderAcrossStacks) {
  const std::string vpc = R"(Resources:
  Vpc: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: 10.0.0.0/16}}
  Block:
    Type: AWS::EC2::VPCCidrBlock
    Properties: {AmazonProvidedIpv6CidrBlock: true, VpcId: !Ref Vpc}
  Ipv4Block:
    Type: AWS::EC2::VPCCidrBlock
    Properties: {CidrBlock: 10.1.0.0/16, VpcId: !Ref Vpc}
  Plain: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: 10.2.0.0/16}}
Outputs:
  Block:
    Value: !Select [0, !GetAtt Vpc.Ipv6CidrBlocks]
    Export: {Name: !Sub '${AWS::StackName}-Ipv6'}
  Plain:
    Value: !Join [',', !GetAtt Plain.Ipv6CidrBlocks]
)";
  DefaultAttributeResolver resolver;  // one per scenario, as the stack reader has it
  Evaluation first = Evaluate(vpc, &resolver, "a");
  Evaluation second = Evaluate(vpc, &resolver, "b");
  EXPECT_EQ(first.Headlines(), std::vector<std::string>{});
  EXPECT_EQ(first.Output("Block"), R"("2001:db8:0:100::/56")");
  EXPECT_EQ(second.Output("Block"), R"("2001:db8:0:200::/56")");
  EXPECT_EQ(first.Output("Plain"), R"("")");  // a VPC without an IPv6 association has none
  // A later stack cuts the first stack's block, imported.
  Evaluation third = Evaluate(R"(Resources:
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: a/Vpc
      CidrBlock: 10.0.0.0/24
      Ipv6CidrBlock: !Select [2, !Cidr [!ImportValue a-Ipv6, 3, 64]]
)",
                              &resolver, "c", first.stack.exports);
  EXPECT_EQ(third.Headlines(), std::vector<std::string>{});
  EXPECT_EQ(third.Prop("Subnet", "Ipv6CidrBlock"), R"("2001:db8:0:102:0:0:0:0/64")");
  EXPECT_EQ(resolver.ipv6_blocks(),
            (std::map<std::string, std::vector<std::string>>{{"a/Vpc", {"2001:db8:0:100::/56"}},
                                                             {"b/Vpc", {"2001:db8:0:200::/56"}}}));
}

TEST(Ipv6BlockTest, WrittenAndPoolBlocks) {
  Evaluation run = Evaluate(R"(Resources:
  Vpc: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: 10.0.0.0/16}}
  Byoip:
    Type: AWS::EC2::VPCCidrBlock
    Properties: {VpcId: !Ref Vpc, Ipv6Pool: ipv6pool-ec2-1, Ipv6CidrBlock: '2001:DB8:AB:0::/56'}
  FromPool:
    Type: AWS::EC2::VPCCidrBlock
    Properties: {VpcId: !Ref Vpc, Ipv6Pool: ipv6pool-ec2-1}
  FromIpam:
    Type: AWS::EC2::VPCCidrBlock
    Properties: {VpcId: !Ref Vpc, Ipv6IpamPoolId: ipam-pool-1, Ipv6NetmaskLength: 52}
  Subnet:
    Type: AWS::EC2::Subnet
    DependsOn: [Byoip, FromPool, FromIpam]
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.0.0/24
      Ipv6CidrBlock: !Select [0, !Cidr [!Select [2, !GetAtt Vpc.Ipv6CidrBlocks], 1, 64]]
  SubnetBlock:
    Type: AWS::EC2::SubnetCidrBlock
    Properties: {SubnetId: !Ref Subnet, Ipv6CidrBlock: '2001:db8:0:1001:0:0:0:0/64'}
Outputs:
  Vpc: {Value: !Join [' ', !GetAtt Vpc.Ipv6CidrBlocks]}
  Subnet: {Value: !Join [' ', !GetAtt Subnet.Ipv6CidrBlocks]}
  ByoipSource: {Value: !GetAtt Byoip.IpSource}
  IpamSource: {Value: !GetAtt FromIpam.IpSource}
)");
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
  // The written block as is (canonical); pools assign, a /52 aligned to its size.
  EXPECT_EQ(run.Output("Vpc"), R"("2001:db8:ab::/56 2001:db8:0:100::/56 2001:db8:0:1000::/52")");
  EXPECT_EQ(run.Prop("Subnet", "Ipv6CidrBlock"), R"("2001:db8:0:1000:0:0:0:0/64")");
  // SubnetBlock depends on Subnet, so it is evaluated after it; the output sees both.
  EXPECT_EQ(run.Output("Subnet"), R"("2001:db8:0:1000::/64 2001:db8:0:1001::/64")");
  EXPECT_EQ(run.Output("ByoipSource"), R"("byoip")");
  // An IPAM pool's space is public or private as the pool says: known at deployment only.
  EXPECT_EQ(run.Output("IpamSource"), R"("{{vpcreach:deferred:s/FromIpam.IpSource}}")");
}

TEST(Ipv6BlockTest, WithoutDependsOnASubnetWrittenFirstSeesNoBlockAsInAws) {
  // CloudFormation documents the DependsOn: without it the subnet may be created before the
  // association, and the VPC's list is empty. vpcreach evaluates independent resources in
  // template order, so a subnet written first sees the empty list.
  Evaluation run = Evaluate(R"(Resources:
  Vpc: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: 10.0.0.0/16}}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.0.0/24
      Ipv6CidrBlock: !Select [0, !Cidr [!Select [0, !GetAtt Vpc.Ipv6CidrBlocks], 1, 64]]
  Block:
    Type: AWS::EC2::VPCCidrBlock
    Properties: {AmazonProvidedIpv6CidrBlock: true, VpcId: !Ref Vpc}
)");
  EXPECT_EQ(run.Headlines(),
            std::vector<std::string>{
                "t.yaml:8:41: Resources.Subnet.Properties.Ipv6CidrBlock.Fn::Select[1].Fn::Cidr[0]: "
                "Fn::Select: index 0 is out of range for a list of 0 items"});
}

TEST(Ipv6BlockTest, VpcCidrBlockHasOnlyItsDocumentedAttributes) {
  Evaluation run = Evaluate(R"(Resources:
  Vpc: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: 10.0.0.0/16}}
  Block:
    Type: AWS::EC2::VPCCidrBlock
    Properties: {AmazonProvidedIpv6CidrBlock: true, VpcId: !Ref Vpc}
Outputs:
  Id: {Value: !GetAtt Block.Id}
  Block: {Value: !GetAtt Block.Ipv6CidrBlock}
)");
  EXPECT_EQ(run.Output("Id"), R"("s/Block")");
  EXPECT_EQ(run.Headlines(),
            std::vector<std::string>{"t.yaml:8:18: Outputs.Block.Value: resource type "
                                     "AWS::EC2::VPCCidrBlock has no attribute 'Ipv6CidrBlock'"});
}

}  // namespace
}  // namespace vpcreach::cfn
