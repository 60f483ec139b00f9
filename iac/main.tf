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

  # Closed by default: the api function reads its keys from this parameter.
  api_keys_parameter_name = var.public_uploads ? null : coalesce(var.api_keys_parameter_name, "/${var.name}/api-keys")
  api_keys_parameter_arn  = var.public_uploads ? null : "arn:${local.partition}:ssm:${local.region}:${local.account_id}:parameter${local.api_keys_parameter_name}"

  # Made by the api function itself at first use (ssm:PutParameter without
  # overwrite), so the key never passes through Terraform or its state.
  delete_token_key_parameter_name = "/${var.name}/delete-token-key"
  delete_token_key_parameter_arn  = "arn:${local.partition}:ssm:${local.region}:${local.account_id}:parameter${local.delete_token_key_parameter_name}"

  # The webhooks function exists only with a receiver (iac/webhooks.tf).
  webhooks_enabled = var.webhook_url != null && var.webhook_url != ""
  function_names = merge(
    {
      api        = "${var.name}-api"
      thumbnails = "${var.name}-thumbnails"
    },
    local.webhooks_enabled ? { webhooks = "${var.name}-webhooks" } : {},
  )

  # Built from the names, as bucket_arn is: the policies then name each
  # function's own log group before it exists, and a plan shows them in full.
  log_group_arns = { for role, function in local.function_names : role => "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws/lambda/${function}" }
}
