variable "name" {
  description = "Prefix for every resource name (functions, topic, queue, roles, default bucket name). Lowercase letters, digits and hyphens."
  type        = string
  default     = "thumbapi"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.name))
    error_message = "name must be 2-31 characters of lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "aws_region" {
  description = "Region to deploy into. null uses the provider's normal lookup (AWS_REGION, AWS_DEFAULT_REGION, the profile)."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags applied to every resource through the provider's default_tags."
  type        = map(string)
  default = {
    Application = "ThumbApi"
  }
}

variable "bucket_name" {
  description = "Name of the image bucket. null derives \"<name>-<account id>-<region>\", which is globally unique and stable."
  type        = string
  default     = null
}

variable "allowed_origins" {
  description = "Browser origins (scheme://host[:port], no trailing slash) allowed to call the API and to POST uploads to the bucket. The API's own Function URL origin is always allowed on the bucket, so the built-in upload page works with the default []."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for o in var.allowed_origins : can(regex("^https?://[^/]+$", o))])
    error_message = "Each origin must look like https://example.com (scheme and host, optional port, no path or trailing slash)."
  }
}

variable "failure_record_expiration_days" {
  description = "Delete failure records (objects tagged thumbapi-kind=failure) after this many days. null keeps them forever. Once a record expires the API reports the image as pending again instead of failed."
  type        = number
  default     = null

  validation {
    condition     = var.failure_record_expiration_days == null || try(var.failure_record_expiration_days >= 1, false)
    error_message = "failure_record_expiration_days must be null or at least 1."
  }
}

variable "package_path" {
  description = "Path (relative to this directory) of the deployment zip built by build/package.sh: one self-contained linux-arm64 package with an executable `bootstrap` at its root."
  type        = string
  default     = "../artifacts/thumbapi-linux-arm64.zip"
}

variable "upload_package_via_s3" {
  description = "Upload the package to the image bucket under deploy/ and point the functions at it. Needed when the zip exceeds Lambda's 50 MB direct-upload limit, which a self-contained .NET package (roughly 40-70 MB zipped) usually does. Set false only for small packages."
  type        = bool
  default     = true
}

variable "thumbnails_engine" {
  description = "Image engine of the thumbnails function (Thumbnails__Engine): NetVips or ImageSharp."
  type        = string
  default     = "NetVips"

  validation {
    condition     = contains(["NetVips", "ImageSharp"], var.thumbnails_engine)
    error_message = "thumbnails_engine must be NetVips or ImageSharp."
  }
}

# Memory defaults come from the README's benchmarks: Lambda gives a function a
# share of one vCPU in proportion to its memory (a whole one at 1769 MB), and
# both functions are CPU-bound while their memory use stays far below these.
# api: its cold start is CPU (about 0.28 s of CPU with the ReadyToRun package,
# 0.06 s with Native AOT), so 1024 MB (~0.58 vCPU) keeps the upload page's
# first answer near half a second for a negligible per-request cost.
variable "api_memory_mb" {
  description = "Memory of the api function in MB (CPU scales with it)."
  type        = number
  default     = 1024
}

# api: a Function URL request takes tens of milliseconds, so 10 instances
# answer hundreds of requests a second. Each instance has its own upload rate
# limiter, so this also bounds what one client can ask for (docs/deploying.md).
variable "api_reserved_concurrency" {
  description = "Reserved concurrency of the api function: the account-wide ceiling on its instances, and so on the sum of their per-instance upload rate limits. -1 leaves it unreserved."
  type        = number
  default     = 10

  validation {
    condition     = var.api_reserved_concurrency >= -1
    error_message = "api_reserved_concurrency must be -1 (unreserved) or a non-negative number."
  }
}

variable "api_timeout_seconds" {
  description = "Timeout of the api function in seconds."
  type        = number
  default     = 10
}

# thumbnails: one single-threaded decode per image; at 1769 MB (one whole vCPU)
# the 12 MP job's compute falls from ~85 to ~49 ms for the same compute cost,
# and more memory buys nothing (peak RSS is ~76 MB for a 24 MP JPEG).
variable "thumbnails_memory_mb" {
  description = "Memory of the thumbnails function in MB (CPU scales with it; decoding large images needs both)."
  type        = number
  default     = 1769
}

variable "thumbnails_timeout_seconds" {
  description = "Timeout of the thumbnails function in seconds."
  type        = number
  default     = 60
}

# thumbnails: one image takes ~70 ms of compute at 1769 MB (README, "Cost per
# million images") plus its S3 reads and writes, about a quarter of a second
# per image, so 10 instances turn over ~40 images a second (~140,000 an hour).
# A larger burst is not lost: Lambda keeps throttled asynchronous events and
# retries them for up to thumbnails_max_event_age_seconds. What it protects is
# the rest of the account, the api function first (docs/deploying.md).
variable "thumbnails_reserved_concurrency" {
  description = "Reserved concurrency of the thumbnails function: a cap on a burst of uploads, so it cannot take the account's whole concurrency. -1 leaves it unreserved."
  type        = number
  default     = 10

  validation {
    condition     = var.thumbnails_reserved_concurrency >= -1
    error_message = "thumbnails_reserved_concurrency must be -1 (unreserved) or a non-negative number."
  }
}

variable "thumbnails_max_event_age_seconds" {
  description = "How long Lambda keeps retrying an upload event before sending it to the dead-letter queue (60-21600)."
  type        = number
  default     = 3600

  validation {
    condition     = var.thumbnails_max_event_age_seconds >= 60 && var.thumbnails_max_event_age_seconds <= 21600
    error_message = "thumbnails_max_event_age_seconds must be between 60 and 21600."
  }
}

variable "log_retention_days" {
  description = "Retention of the functions' CloudWatch log groups, in days (one of the values CloudWatch accepts, e.g. 7, 14, 30, 90)."
  type        = number
  default     = 14
}

variable "function_url_invoke_permission_via_cli" {
  description = "Add the lambda:InvokeFunction (InvokedViaFunctionUrl) permission that Function URLs created since October 2025 need, by running the AWS CLI during apply. Provider 5.x cannot express it; set false when using provider >= 6.29 with a native aws_lambda_permission instead (see README)."
  type        = bool
  default     = true
}

variable "permissions_boundary_arn" {
  description = "Permissions boundary attached to both function roles. Required when deploying with the role from bootstrap/ (its permissions_boundary_arn output), which may only create roles carrying it; null for an unrestricted local deployer."
  type        = string
  default     = null
}

variable "public_uploads" {
  description = "Let anyone ask for an upload (a public demo, limited only by the per-instance rate limit and api_reserved_concurrency). false (the default) requires an API key from the api_keys_parameter_name parameter in X-Api-Key."
  type        = bool
  default     = false
}

variable "api_keys_parameter_name" {
  description = "SSM Parameter Store SecureString holding the API keys, one per line (lines starting with # are ignored). Created and rotated outside Terraform, so no key is ever in the state (docs/deploying.md). null means \"/<name>/api-keys\"."
  type        = string
  default     = null

  validation {
    condition     = var.api_keys_parameter_name == null || can(regex("^/[A-Za-z0-9_.\\-/]+$", var.api_keys_parameter_name))
    error_message = "api_keys_parameter_name must be a hierarchical parameter name starting with /."
  }
}

variable "alarm_topic_arn" {
  description = "SNS topic the alarms notify (e.g. one with an e-mail subscription). null or \"\" (an unset repository variable) leaves the alarms without a notification target; they still show in CloudWatch."
  type        = string
  default     = null
}

variable "webhook_url" {
  description = "Receiver of the image.ready, image.failed and image.deleted Standard Webhooks (absolute http or https URL). null or \"\" (an unset repository variable): no webhooks, and no queue or webhooks function (docs/webhooks.md)."
  type        = string
  default     = null

  validation {
    condition     = var.webhook_url == null || var.webhook_url == "" || can(regex("^https?://[^/]+", var.webhook_url))
    error_message = "webhook_url must be an absolute http or https URL."
  }
}

variable "webhook_secret_parameter_name" {
  description = "SSM Parameter Store SecureString holding the webhook signing secret (whsec_ + base64 of 24 to 64 random bytes). Created and rotated outside Terraform, so the secret is never in the state. null means \"/<name>/webhook-secret\"."
  type        = string
  default     = null

  validation {
    condition     = var.webhook_secret_parameter_name == null || can(regex("^/[A-Za-z0-9_.\\-/]+$", var.webhook_secret_parameter_name))
    error_message = "webhook_secret_parameter_name must be a hierarchical parameter name starting with /."
  }
}

variable "public_base_url" {
  description = "The API's public base URL (e.g. a custom domain) for the thumbnail links of image.ready. null or \"\": the api function's Function URL, which the thumbnails function looks up once (lambda:GetFunctionUrlConfig)."
  type        = string
  default     = null

  validation {
    condition     = var.public_base_url == null || var.public_base_url == "" || can(regex("^https?://[^/]+", var.public_base_url))
    error_message = "public_base_url must be an absolute http or https URL."
  }
}

variable "event_bus_name" {
  description = "EventBridge bus (a name in this account and region, \"default\" for the account's own, or an ARN) that also gets every image event, with source var.name and detail-type image.ready, image.failed or image.deleted. null or \"\" (an unset repository variable): none."
  type        = string
  default     = null

  validation {
    condition     = var.event_bus_name == null || can(regex("^((arn:aws[a-z-]*:events:[a-z0-9-]+:[0-9]{12}:event-bus/)?[A-Za-z0-9._/-]{1,256})?$", var.event_bus_name))
    error_message = "event_bus_name must be an EventBridge bus's name or ARN."
  }
}
