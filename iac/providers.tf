terraform {
  # 1.7 is the first release whose `terraform test` supports mock providers,
  # which the offline tests in tests/ rely on.
  required_version = ">= 1.7"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.100 is the floor the offline checks run against; 6.x is allowed so a
      # deployer can upgrade (6.29+ can express the Function URL invoke
      # permission natively, see README "Function URL permissions").
      version = ">= 5.100, < 7.0"
    }
  }
}

provider "aws" {
  # null falls back to AWS_REGION / the profile, so nothing region-specific is
  # baked into the configuration.
  region = var.aws_region

  default_tags {
    tags = var.tags
  }
}
