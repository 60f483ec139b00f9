variable "github_repository" {
  description = "GitHub repository allowed to deploy, as owner/name."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must look like owner/name."
  }
}

variable "deploy_branch" {
  description = "Only workflow runs on this branch may assume the deploy role."
  type        = string
  default     = "main"
}

variable "name" {
  description = "Resource name prefix used by the application configuration (its `name` variable). The deploy role may only manage resources with this prefix."
  type        = string
  default     = "thumbapi"
}

variable "deploy_role_name" {
  description = "Name of the role GitHub Actions assumes. Deliberately outside the `name` prefix, so the role cannot edit itself."
  type        = string
  default     = "github-deploy-thumbapi"
}

variable "create_oidc_provider" {
  description = "Create the token.actions.githubusercontent.com OIDC provider. Set false when the account already has one (there can be only one per URL)."
  type        = bool
  default     = true
}

variable "state_bucket_name" {
  description = "Create this bucket for remote Terraform state and let the deploy role use it. null keeps state out of this bootstrap (e.g. an existing bucket: grant access yourself)."
  type        = string
  default     = null
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
