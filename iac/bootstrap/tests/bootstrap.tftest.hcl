mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }
  mock_data "aws_partition" {
    defaults = {
      partition = "aws"
    }
  }
  mock_resource "aws_iam_openid_connect_provider" {
    defaults = {
      arn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
    }
  }
  mock_resource "aws_iam_policy" {
    defaults = {
      arn = "arn:aws:iam::123456789012:policy/thumbapi-function-boundary"
    }
  }
  mock_resource "aws_s3_bucket" {
    defaults = {
      arn = "arn:aws:s3:::example-tf-state"
    }
  }
}

variables {
  github_repository = "example-org/thumbapi"
}

run "trust_is_pinned_to_the_main_branch_of_one_repository" {
  command = apply

  assert {
    condition = one(jsondecode(aws_iam_role.deploy.assume_role_policy).Statement).Condition.StringEquals == {
      "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
      "token.actions.githubusercontent.com:sub" = "repo:example-org/thumbapi:ref:refs/heads/main"
    }
    error_message = "The deploy role must trust only main of the configured repository, with the STS audience."
  }

  assert {
    condition     = one(jsondecode(aws_iam_role.deploy.assume_role_policy).Statement).Principal.Federated == aws_iam_openid_connect_provider.github[0].arn
    error_message = "The trust must name GitHub's OIDC provider."
  }

  assert {
    condition     = aws_iam_openid_connect_provider.github[0].url == "https://token.actions.githubusercontent.com" && toset(aws_iam_openid_connect_provider.github[0].client_id_list) == toset(["sts.amazonaws.com"])
    error_message = "The OIDC provider must be GitHub's, for the STS audience."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(aws_iam_role_policy.deploy.policy).Statement :
      s.Condition.StringEquals["iam:PermissionsBoundary"] == aws_iam_policy.function_boundary.arn
      if contains(flatten([s.Action]), "iam:CreateRole") || contains(flatten([s.Action]), "iam:PutRolePolicy")
    ])
    error_message = "Roles may only be created or given policies under the function boundary."
  }

  assert {
    condition     = !strcontains(aws_iam_role_policy.deploy.policy, "\"*\"")
    error_message = "No statement may use a bare * action or resource."
  }

  assert {
    condition     = length(aws_s3_bucket.state) == 0
    error_message = "No state bucket unless asked for."
  }

  assert {
    condition = [for s in jsondecode(aws_iam_role_policy.deploy.policy).Statement : s.Resource if contains(flatten([s.Action]), "ssm:GetParameter")] == [
      "arn:aws:ssm:*:123456789012:parameter/thumbapi/*"
    ] && !strcontains(aws_iam_role_policy.deploy.policy, "ssm:PutParameter")
    error_message = "The deploy role may read the API keys for the smoke test, under /thumbapi/ only, and never write one."
  }

  assert {
    condition = [for s in jsondecode(aws_iam_role_policy.deploy.policy).Statement : s.Resource if contains(flatten([s.Action]), "cloudwatch:PutMetricAlarm")] == [
      "arn:aws:cloudwatch:*:123456789012:alarm:thumbapi-*"
    ]
    error_message = "The deploy role manages only the app's own alarms."
  }

  assert {
    condition = toset([for s in jsondecode(aws_iam_policy.function_boundary.policy).Statement : jsonencode(s) if anytrue([for a in flatten([s.Action]) : startswith(a, "ssm:") || startswith(a, "kms:")])]) == toset([
      jsonencode({ Effect = "Allow", Action = "ssm:GetParameter", Resource = "arn:aws:ssm:*:123456789012:parameter/thumbapi/*" }),
      jsonencode({ Effect = "Allow", Action = "ssm:PutParameter", Resource = "arn:aws:ssm:*:123456789012:parameter/thumbapi/delete-token-key" }),
      jsonencode({ Effect = "Allow", Action = ["kms:Decrypt", "kms:Encrypt"], Resource = "arn:aws:kms:*:123456789012:key/*", Condition = { StringLike = { "kms:ViaService" = "ssm.*.amazonaws.com" } } }),
    ])
    error_message = "The function boundary admits reading the app's parameters, making the delete-token key, and encrypting or decrypting through SSM, nothing else of SSM or KMS."
  }

  assert {
    condition = [for s in jsondecode(aws_iam_policy.function_boundary.policy).Statement : jsonencode(s) if anytrue([for a in flatten([s.Action]) : startswith(a, "lambda:")])] == [
      jsonencode({ Effect = "Allow", Action = ["lambda:InvokeFunction", "lambda:GetFunctionUrlConfig"], Resource = "arn:aws:lambda:*:123456789012:function:thumbapi-*" }),
    ]
    error_message = "The function boundary admits invoking the app's own functions (rendition refreshes) and reading their Function URLs (links in image events), nothing else of Lambda."
  }

  assert {
    condition = [for s in jsondecode(aws_iam_policy.function_boundary.policy).Statement : jsonencode(s) if anytrue([for a in flatten([s.Action]) : startswith(a, "sqs:")])] == [
      jsonencode({ Effect = "Allow", Action = ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"], Resource = "arn:aws:sqs:*:123456789012:thumbapi-*" }),
    ]
    error_message = "The function boundary admits sending to, consuming and postponing messages of the app's own queues only."
  }

  assert {
    condition = [for s in jsondecode(aws_iam_policy.function_boundary.policy).Statement : s.Resource if anytrue([for a in flatten([s.Action]) : startswith(a, "events:")])] == [
      "arn:aws:events:*:*:event-bus/*"
    ]
    error_message = "The function boundary admits putting events on a bus (the thumbnails role's own policy names the one), nothing else of EventBridge."
  }
}

run "optional_state_bucket_is_private_versioned_and_granted" {
  command = apply

  variables {
    state_bucket_name = "example-tf-state"
  }

  assert {
    condition     = one(aws_s3_bucket_versioning.state[0].versioning_configuration).status == "Enabled"
    error_message = "State bucket must be versioned."
  }

  assert {
    condition     = aws_s3_bucket_public_access_block.state[0].block_public_policy && aws_s3_bucket_public_access_block.state[0].restrict_public_buckets
    error_message = "State bucket must not be public."
  }

  assert {
    condition     = contains([for s in jsondecode(aws_iam_role_policy.deploy.policy).Statement : s.Resource], "arn:aws:s3:::example-tf-state/*")
    error_message = "The deploy role must reach the state objects."
  }
}

run "rejects_a_malformed_repository" {
  command = plan

  variables {
    github_repository = "https://github.com/example-org/thumbapi"
  }

  expect_failures = [var.github_repository]
}
