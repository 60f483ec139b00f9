data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.name
  partition  = data.aws_partition.current.partition

  # Derived rather than generated so the name (and every ARN built from it) is
  # known at plan time and stable across re-creates; bucket names are global,
  # so account and region make it unique without a `random` provider.
  bucket_name = coalesce(var.bucket_name, "${var.name}-${local.account_id}-${local.region}")
  bucket_arn  = "arn:${local.partition}:s3:::${local.bucket_name}"

  images_prefix     = "images/"
  thumbnails_prefix = "thumbnails/"

  function_names = {
    api        = "${var.name}-api"
    thumbnails = "${var.name}-thumbnails"
  }
}
