// SageMaker's describe-notebook-instance, describe-training-job and describe-domain outputs as
// native sagemaker.notebook_instances, sagemaker.training_jobs and sagemaker_domain workloads
// (mapping.h). Each output is one object, recognised by its ARN member (NotebookInstanceArn,
// TrainingJobArn, DomainArn); the notebook is named by its name, the job by its name, the domain
// by its id (d-...). A notebook that is not InService, a job that is not InProgress and a domain
// that is not InService have no network interfaces: skipped, as the describes of EC2 are.
#include <string>

#include "model/snapshot/mapping.h"

namespace vpcreach::snapshot {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The map `name` under `sagemaker:`, created on first use.
GenNode& SageMakerSection(Mapping& m, const std::string& name) {
  GenNode& sagemaker = m.Section("sagemaker");
  if (GenNode* found = sagemaker.Find(name)) return *found;
  return sagemaker.Set(name, GenNode::Map(LineOrigin{}));
}

void MapNotebooks(Mapping& m) {
  for (const Item& nb : m.Items("NotebookInstance")) {
    auto name = m.Require(nb, "NotebookInstanceName", "aws sagemaker describe-notebook-instance");
    if (!name) continue;
    if (!m.Live(nb, *name, "SageMaker notebook instance", nb.Str("NotebookInstanceStatus"),
                {"InService"})) {
      continue;
    }
    GenNode& node = SageMakerSection(m, "notebook_instances")
                        .Set(*name, GenNode::Map(nb.OriginOf("NotebookInstanceName")));
    if (Mapping::Copy(nb, "SubnetId", node, "subnet")) {
      node.Set("security_groups", nb.Strings("SecurityGroups"));
      // The interface SageMaker made in the subnet is the notebook's own.
      m.notebook_enis[nb.Str("NetworkInterfaceId")] = *name;
    }
    if (nb.Get("DirectInternetAccess") != nullptr) {
      node.Set("direct_internet_access", GenNode::Scalar(Lower(nb.Str("DirectInternetAccess")),
                                                         nb.OriginOf("DirectInternetAccess")));
    }
    if (nb.Get("RootAccess") != nullptr) {
      node.Set("root_access",
               GenNode::Scalar(Lower(nb.Str("RootAccess")), nb.OriginOf("RootAccess")));
    }
    Mapping::Copy(nb, "KmsKeyId", node, "kms_key_id");
  }
}

void MapTrainingJobs(Mapping& m) {
  for (const Item& job : m.Items("TrainingJob")) {
    auto name = m.Require(job, "TrainingJobName", "aws sagemaker describe-training-job");
    if (!name) continue;
    if (!m.Live(job, *name, "SageMaker training job", job.Str("TrainingJobStatus"),
                {"InProgress"})) {
      continue;
    }
    GenNode& node = SageMakerSection(m, "training_jobs")
                        .Set(*name, GenNode::Map(job.OriginOf("TrainingJobName")));
    Item vpc = job.Child("VpcConfig");
    if (vpc.node != nullptr) {
      node.Set("subnets", vpc.Strings("Subnets"));
      node.Set("security_groups", vpc.Strings("SecurityGroupIds"));
    }
    Mapping::Copy(job.Child("ResourceConfig"), "InstanceCount", node, "instance_count");
    Mapping::Copy(job, "EnableNetworkIsolation", node, "network_isolation");
    Mapping::Copy(job, "EnableInterContainerTrafficEncryption", node, "inter_container_encryption");
  }
}

void MapDomains(Mapping& m) {
  for (const Item& domain : m.Items("Domain")) {
    auto id = m.Require(domain, "DomainId", "aws sagemaker describe-domain");
    if (!id) continue;
    if (!m.Live(domain, *id, "SageMaker domain", domain.Str("Status"), {"InService"})) continue;
    GenNode& node = m.Component("workloads", *id, domain.OriginOf("DomainId"));
    node.Set("type", GenNode::Scalar("sagemaker_domain", LineOrigin{}));
    node.Set("subnets", domain.Strings("SubnetIds"));
    Item settings = domain.Child("DefaultUserSettings");
    if (settings.Get("SecurityGroups") != nullptr) {
      node.Set("security_groups", settings.Strings("SecurityGroups"));
    }
    std::string access = domain.Str("AppNetworkAccessType");
    if (!access.empty()) {
      node.Set("app_network_access_type",
               GenNode::Scalar(access == "VpcOnly" ? "vpc_only" : "public_internet_only",
                               domain.OriginOf("AppNetworkAccessType")));
    }
  }
}

}  // namespace

void MapSageMaker(Mapping& m) {
  MapNotebooks(m);
  MapTrainingJobs(m);
  MapDomains(m);
}

}  // namespace vpcreach::snapshot
