terraform {
  # 1.7 is the first release whose `terraform test` supports mock providers,
  # which the offline tests in tests/ rely on.
  required_version = ">= 1.7"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # Same range as the application configuration (see ../providers.tf).
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
