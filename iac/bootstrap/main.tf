data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  account_id  = data.aws_caller_identity.current.account_id
  partition   = data.aws_partition.current.partition
  oidc_host   = "token.actions.githubusercontent.com"
  oidc_arn    = var.create_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : data.aws_iam_openid_connect_provider.github[0].arn
  role_arns   = "arn:${local.partition}:iam::${local.account_id}:role/${var.name}-*"
  bucket_arns = "arn:${local.partition}:s3:::${var.name}-*"
  # The default API keys parameter is /<name>/api-keys (iac/variables.tf).
  parameter_arns = "arn:${local.partition}:ssm:*:${local.account_id}:parameter/${var.name}/*"
}

resource "aws_iam_openid_connect_provider" "github" {
  count          = var.create_oidc_provider ? 1 : 0
  url            = "https://${local.oidc_host}"
  client_id_list = ["sts.amazonaws.com"]
  # No thumbprint_list: AWS verifies GitHub's certificate against its own
  # trust store, so a pinned thumbprint would only break on rotation.
}

data "aws_iam_openid_connect_provider" "github" {
  count = var.create_oidc_provider ? 0 : 1
  url   = "https://${local.oidc_host}"
}

resource "aws_iam_role" "deploy" {
  name                 = var.deploy_role_name
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = local.oidc_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "${local.oidc_host}:aud" = "sts.amazonaws.com"
          # Exact match: pull requests, forks, tags and other branches get a
          # different subject and cannot assume the role.
          "${local.oidc_host}:sub" = "repo:${var.github_repository}:ref:refs/heads/${var.deploy_branch}"
        }
      }
    }]
  })
}

# The ceiling for every role the deploy role creates: without it, a role that
# may create roles and functions could mint an administrator function.
resource "aws_iam_policy" "function_boundary" {
  name        = "${var.name}-function-boundary"
  description = "Permissions boundary of the ThumbApi Lambda roles."
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject", "s3:PutObjectTagging", "s3:DeleteObject", "s3:ListBucket"]
        Resource = [local.bucket_arns, "${local.bucket_arns}/*"]
      },
      {
        # The api function hands a rendition refresh to the thumbnails function,
        # which looks up the api function's URL for the links in image events.
        Effect   = "Allow"
        Action   = ["lambda:InvokeFunction", "lambda:GetFunctionUrlConfig"]
        Resource = "arn:${local.partition}:lambda:*:${local.account_id}:function:${var.name}-*"
      },
      {
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "arn:${local.partition}:logs:*:${local.account_id}:log-group:/aws/lambda/${var.name}-*"
      },
      {
        # Dead-letter queues and the webhooks queue; the webhooks function
        # consumes its queue and postpones what its receiver refused.
        Effect   = "Allow"
        Action   = ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"]
        Resource = "arn:${local.partition}:sqs:*:${local.account_id}:${var.name}-*"
      },
      {
        # Image events for an EventBridge bus (event_bus_name); the role's own
        # policy names the one bus.
        Effect   = "Allow"
        Action   = "events:PutEvents"
        Resource = "arn:${local.partition}:events:*:*:event-bus/*"
      },
      {
        # The api function's API keys and the webhook secret (SecureStrings under /<name>/).
        Effect   = "Allow"
        Action   = "ssm:GetParameter"
        Resource = local.parameter_arns
      },
      {
        # The delete-token key, which the api function makes once at first use.
        Effect   = "Allow"
        Action   = "ssm:PutParameter"
        Resource = "arn:${local.partition}:ssm:*:${local.account_id}:parameter/${var.name}/delete-token-key"
      },
      {
        Effect    = "Allow"
        Action    = ["kms:Decrypt", "kms:Encrypt"]
        Resource  = "arn:${local.partition}:kms:*:${local.account_id}:key/*"
        Condition = { StringLike = { "kms:ViaService" = "ssm.*.amazonaws.com" } }
      },
    ]
  })
}

# Scoped by resource name prefix rather than enumerated per API call: the
# provider reads many sub-resources of each service (bucket ACL, website,
# replication, function code signing, ...) and a missed read fails a deploy.
# The name prefix, the boundary conditions and the branch-pinned trust are the
# actual limits.
resource "aws_iam_role_policy" "deploy" {
  name = "deploy-thumbapi"
  role = aws_iam_role.deploy.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([
      {
        Sid      = "AppBuckets"
        Effect   = "Allow"
        Action   = "s3:*"
        Resource = [local.bucket_arns, "${local.bucket_arns}/*"]
      },
      {
        Sid      = "AppTopicsAndQueues"
        Effect   = "Allow"
        Action   = ["sns:*", "sqs:*"]
        Resource = ["arn:${local.partition}:sns:*:${local.account_id}:${var.name}-*", "arn:${local.partition}:sqs:*:${local.account_id}:${var.name}-*"]
      },
      {
        Sid      = "AppFunctions"
        Effect   = "Allow"
        Action   = "lambda:*"
        Resource = "arn:${local.partition}:lambda:*:${local.account_id}:function:${var.name}-*"
      },
      {
        Sid      = "AppLogGroups"
        Effect   = "Allow"
        Action   = "logs:*"
        Resource = "arn:${local.partition}:logs:*:${local.account_id}:log-group:/aws/lambda/${var.name}-*"
      },
      {
        Sid    = "AppAlarms"
        Effect = "Allow"
        Action = [
          "cloudwatch:PutMetricAlarm", "cloudwatch:DescribeAlarms", "cloudwatch:DeleteAlarms",
          "cloudwatch:ListTagsForResource", "cloudwatch:TagResource", "cloudwatch:UntagResource",
        ]
        Resource = "arn:${local.partition}:cloudwatch:*:${local.account_id}:alarm:${var.name}-*"
      },
      {
        # The deploy workflow's smoke test reads a key to ask for an upload;
        # it never writes one (docs/deploying.md).
        Sid      = "ReadApiKeysForTheSmokeTest"
        Effect   = "Allow"
        Action   = "ssm:GetParameter"
        Resource = local.parameter_arns
      },
      {
        # The provider finds log groups with a prefix search, which IAM
        # authorises against all log groups.
        Sid      = "FindLogGroups"
        Effect   = "Allow"
        Action   = "logs:DescribeLogGroups"
        Resource = "arn:${local.partition}:logs:*:${local.account_id}:log-group:*"
      },
      {
        Sid      = "ManageAppRolesOnlyWithBoundary"
        Effect   = "Allow"
        Action   = ["iam:CreateRole", "iam:PutRolePolicy", "iam:PutRolePermissionsBoundary"]
        Resource = local.role_arns
        Condition = {
          StringEquals = { "iam:PermissionsBoundary" = aws_iam_policy.function_boundary.arn }
        }
      },
      {
        Sid    = "ReadAndRemoveAppRoles"
        Effect = "Allow"
        Action = [
          "iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies",
          "iam:ListInstanceProfilesForRole", "iam:DeleteRole", "iam:DeleteRolePolicy",
          "iam:UpdateRole", "iam:UpdateAssumeRolePolicy", "iam:TagRole", "iam:UntagRole",
        ]
        Resource = local.role_arns
      },
      {
        Sid       = "PassAppRolesToLambdaOnly"
        Effect    = "Allow"
        Action    = "iam:PassRole"
        Resource  = local.role_arns
        Condition = { StringEquals = { "iam:PassedToService" = "lambda.amazonaws.com" } }
      },
      ],
      [for b in aws_s3_bucket.state : {
        Sid      = "StateBucket"
        Effect   = "Allow"
        Action   = "s3:ListBucket"
        Resource = b.arn
      }],
      # DeleteObject: the S3-native state lock (use_lockfile) removes its
      # .tflock object when it releases the lock.
      [for b in aws_s3_bucket.state : {
        Sid      = "StateObjects"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
        Resource = "${b.arn}/*"
      }]
    )
  })
}

resource "aws_s3_bucket" "state" {
  count  = var.state_bucket_name == null ? 0 : 1
  bucket = var.state_bucket_name
}

# Versioning makes an overwritten or corrupted state recoverable.
resource "aws_s3_bucket_versioning" "state" {
  count  = var.state_bucket_name == null ? 0 : 1
  bucket = aws_s3_bucket.state[0].id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "state" {
  count                   = var.state_bucket_name == null ? 0 : 1
  bucket                  = aws_s3_bucket.state[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "state" {
  count  = var.state_bucket_name == null ? 0 : 1
  bucket = aws_s3_bucket.state[0].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}
