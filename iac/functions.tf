locals {
  # Both functions run the same package; Lambda's `handler` setting (the
  # process sees it as _HANDLER) selects the role (docs/architecture.md, "Lambda").
  # Memory/timeout defaults: see the benchmark section of the repository README.
  functions = merge({
    api = {
      memory_mb            = var.api_memory_mb
      timeout_seconds      = var.api_timeout_seconds
      reserved_concurrency = var.api_reserved_concurrency
    }
    thumbnails = {
      memory_mb            = var.thumbnails_memory_mb
      timeout_seconds      = var.thumbnails_timeout_seconds
      reserved_concurrency = var.thumbnails_reserved_concurrency
    }
  }, local.webhooks_enabled ? { webhooks = local.webhooks_function } : {})

  # Section__Key names bind onto the app's configuration keys (docs/configuration.md);
  # indexed Cors__AllowedOrigins__N keys bind as an array in .NET. The app is
  # the one place that answers CORS (the Function URL has no cors block): it
  # exposes Location and Retry-After, which the API's clients read. The keys
  # themselves never go into the environment, only the parameter's name.
  app_environment = merge(
    {
      Storage__Provider  = "S3"
      Storage__Bucket    = aws_s3_bucket.images.bucket
      Storage__Region    = local.region
      Thumbnails__Engine = var.thumbnails_engine
    },
    { for i, origin in var.allowed_origins : "Cors__AllowedOrigins__${i}" => origin },
    var.public_uploads ? {} : { Auth__ApiKeysParameter = local.api_keys_parameter_name },
  )

  # What only one role needs: the api function asks the thumbnails function to
  # make a rendition that a lookup found missing or outdated (docs/presets.md).
  role_environment = {
    api = {
      Refresh__FunctionName      = local.function_names["thumbnails"]
      DeleteTokens__KeyParameter = local.delete_token_key_parameter_name
    }
    thumbnails = merge(local.notifications_environment, local.event_bus_environment, local.image_links_environment)
    webhooks   = local.notifications_environment
  }

  # The .NET GC reads its heap limit at process start, before any application
  # code, so it comes from the environment: 70 % of the function's memory, in
  # hex bytes as DOTNET_GCHeapHardLimit expects, without a 0x prefix (Native
  # AOT ignores a value with one; CoreCLR reads both). The other 30 % is for
  # libvips' native buffers (a 12 MP decode), the runtime and the executable.
  # A managed heap that reaches the limit throws OutOfMemoryException (a failed
  # invocation, retried) instead of Lambda killing the whole environment.
  gc_heap_limit_percent = 70
  gc_environment = {
    for name, f in local.functions : name => {
      DOTNET_GCHeapHardLimit = format("%X", floor(f.memory_mb * 1048576 * local.gc_heap_limit_percent / 100))
    }
  }
}

resource "aws_cloudwatch_log_group" "this" {
  for_each          = local.function_names
  name              = "/aws/lambda/${each.value}"
  retention_in_days = var.log_retention_days
}

resource "aws_iam_role" "this" {
  for_each = local.function_names
  name     = "${each.value}-role"
  # The deploy workflow passes an unset repository variable as "".
  permissions_boundary = var.permissions_boundary_arn == "" ? null : var.permissions_boundary_arn
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

# HEAD/GET of a missing key answers 403 instead of 404 unless the caller may
# also list the bucket, and the API must tell "pending"/"unknown" apart from
# "forbidden". The listing is limited to the two prefixes the app owns.
locals {
  list_own_prefixes = {
    Sid       = "ListOwnPrefixesForCorrect404s"
    Effect    = "Allow"
    Action    = "s3:ListBucket"
    Resource  = local.bucket_arn
    Condition = { StringLike = { "s3:prefix" = ["${local.images_prefix}*", "${local.thumbnails_prefix}*"] } }
  }
}

# Every role writes its own log group only.
locals {
  write_own_logs = {
    for role, arn in local.log_group_arns : role => {
      Sid      = "WriteOwnLogs"
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "${arn}:*"
    }
  }

  # Reading one SecureString: GetParameter on it, and decrypting it only
  # through SSM, which puts the parameter's ARN in the encryption context.
  # Keyed by what the Sids call it; the api keys' ARN is null with
  # public_uploads, when nothing reads them.
  read_secure_string = {
    for name, arn in { ApiKeys = local.api_keys_parameter_arn, WebhookSecret = local.webhook_secret_parameter_arn } : name => [
      {
        Sid      = "Read${name}"
        Effect   = "Allow"
        Action   = "ssm:GetParameter"
        Resource = arn
      },
      {
        Sid      = "Decrypt${name}"
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = "arn:${local.partition}:kms:${local.region}:${local.account_id}:key/*"
        Condition = {
          StringEquals = {
            "kms:ViaService"                      = "ssm.${local.region}.amazonaws.com"
            "kms:EncryptionContext:PARAMETER_ARN" = arn
          }
        }
      },
    ]
  }
}

resource "aws_iam_role_policy" "api" {
  name = "least-privilege"
  role = aws_iam_role.this["api"].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([
      local.write_own_logs["api"],
      {
        # A presigned POST carries the signer's authority, so the API role
        # needs PutObject on exactly the prefix clients upload to.
        Sid      = "PresignUploads"
        Effect   = "Allow"
        Action   = "s3:PutObject"
        Resource = "${local.bucket_arn}/${local.images_prefix}*"
      },
      {
        # DELETE /uploads/{name} removes the original only; the thumbnails
        # function's cascade removes what was made of it.
        Sid      = "DeleteOriginals"
        Effect   = "Allow"
        Action   = "s3:DeleteObject"
        Resource = "${local.bucket_arn}/${local.images_prefix}*"
      },
      {
        # Delete tokens are signed with a key the function makes once, at first
        # use, in its own SecureString (no Terraform-held secret; the state
        # never sees it).
        Sid      = "ReadOrMakeDeleteTokenKey"
        Effect   = "Allow"
        Action   = ["ssm:GetParameter", "ssm:PutParameter"]
        Resource = local.delete_token_key_parameter_arn
      },
      {
        Sid      = "DecryptDeleteTokenKey"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:Encrypt"]
        Resource = "arn:${local.partition}:kms:${local.region}:${local.account_id}:key/*"
        Condition = {
          StringEquals = {
            "kms:ViaService"                      = "ssm.${local.region}.amazonaws.com"
            "kms:EncryptionContext:PARAMETER_ARN" = local.delete_token_key_parameter_arn
          }
        }
      },
      {
        # images/: HEAD for the status endpoint (HeadObject is authorised as
        # GetObject). thumbnails/: HEAD and presigned GET redirects.
        Sid      = "ReadImagesAndThumbnails"
        Effect   = "Allow"
        Action   = "s3:GetObject"
        Resource = ["${local.bucket_arn}/${local.images_prefix}*", "${local.bucket_arn}/${local.thumbnails_prefix}*"]
      },
      local.list_own_prefixes,
      {
        # A lookup that finds a rendition missing or outdated hands it to the
        # thumbnails function as an asynchronous invocation.
        Sid      = "RefreshRenditions"
        Effect   = "Allow"
        Action   = "lambda:InvokeFunction"
        Resource = "arn:${local.partition}:lambda:${local.region}:${local.account_id}:function:${local.function_names["thumbnails"]}"
      },
      ],
      [for statement in local.read_secure_string["ApiKeys"] : statement if !var.public_uploads],
    )
  })
}

resource "aws_iam_role_policy" "thumbnails" {
  name = "least-privilege"
  role = aws_iam_role.this["thumbnails"].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([
      local.write_own_logs["thumbnails"],
      {
        # Read-only on originals: a write under images/ would trigger the
        # function again.
        Sid      = "ReadOriginals"
        Effect   = "Allow"
        Action   = "s3:GetObject"
        Resource = "${local.bucket_arn}/${local.images_prefix}*"
      },
      {
        # GetObject for the HEAD that skips existing thumbnails during
        # backfill; PutObjectTagging because failure records are tagged;
        # DeleteObject for the cascade of a removed original and for a new
        # upload's outcome replacing the last one's.
        Sid      = "WriteThumbnails"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject", "s3:PutObjectTagging", "s3:DeleteObject"]
        Resource = "${local.bucket_arn}/${local.thumbnails_prefix}*"
      },
      local.list_own_prefixes,
      {
        # Lambda delivers the on-failure destination with the function's role.
        Sid      = "SendToDeadLetterQueue"
        Effect   = "Allow"
        Action   = "sqs:SendMessage"
        Resource = aws_sqs_queue.thumbnails_dlq.arn
      },
      ], [for queue in aws_sqs_queue.webhooks : {
        # Image events wait there for the webhooks function (iac/webhooks.tf).
        Sid      = "QueueWebhooks"
        Effect   = "Allow"
        Action   = "sqs:SendMessage"
        Resource = queue.arn
    }], local.event_bus_statements, local.image_links_statements)
  })
}

# Large packages go through S3: Lambda accepts at most 50 MB in a direct upload.
resource "aws_s3_object" "package" {
  count       = var.upload_package_via_s3 ? 1 : 0
  bucket      = aws_s3_bucket.images.id
  key         = "deploy/${basename(var.package_path)}"
  source      = var.package_path
  source_hash = filebase64sha256(var.package_path)
}

resource "aws_lambda_function" "this" {
  for_each = local.functions

  function_name = local.function_names[each.key]
  role          = aws_iam_role.this[each.key].arn
  handler       = each.key
  runtime       = "provided.al2023"
  architectures = ["arm64"]
  memory_size   = each.value.memory_mb
  timeout       = each.value.timeout_seconds

  reserved_concurrent_executions = each.value.reserved_concurrency

  filename  = var.upload_package_via_s3 ? null : var.package_path
  s3_bucket = var.upload_package_via_s3 ? aws_s3_object.package[0].bucket : null
  s3_key    = var.upload_package_via_s3 ? aws_s3_object.package[0].key : null
  # A new package changes the hash, and Terraform then updates the code of
  # both functions; the deploy workflow needs no separate update step.
  source_code_hash = filebase64sha256(var.package_path)

  environment {
    variables = merge(local.app_environment, local.role_environment[each.key], local.gc_environment[each.key])
  }

  # The log group must exist first, or Lambda creates one without retention;
  # the policies must exist first, or the first invocations are denied.
  depends_on = [
    aws_cloudwatch_log_group.this,
    aws_iam_role_policy.api,
    aws_iam_role_policy.thumbnails,
    aws_iam_role_policy.webhooks,
  ]
}

resource "aws_lambda_function_event_invoke_config" "thumbnails" {
  function_name                = aws_lambda_function.this["thumbnails"].function_name
  maximum_retry_attempts       = 2
  maximum_event_age_in_seconds = var.thumbnails_max_event_age_seconds

  destination_config {
    on_failure {
      destination = aws_sqs_queue.thumbnails_dlq.arn
    }
  }
}

resource "aws_lambda_function_url" "api" {
  function_name      = aws_lambda_function.this["api"].function_name
  authorization_type = "NONE"

  # No cors block: with one, Lambda answers preflights itself and overrides
  # or duplicates the app's CORS headers, dropping the exposed Location and
  # Retry-After. Without one, every request, OPTIONS included, reaches the app,
  # which answers CORS for allowed_origins (Cors__AllowedOrigins__N above).

  # Provider 5.x adds this same statement on its own (outside state) when
  # authorization_type is NONE and ignores the conflict if it exists; creating
  # it first keeps it managed, so destroy removes it.
  depends_on = [aws_lambda_permission.api_url_public]
}

resource "aws_lambda_permission" "api_url_public" {
  statement_id           = "FunctionURLAllowPublicAccess"
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = aws_lambda_function.this["api"].function_name
  principal              = "*"
  function_url_auth_type = "NONE"
}

# Function URLs created since October 2025 also need lambda:InvokeFunction
# conditioned on lambda:InvokedViaFunctionUrl. aws_lambda_permission can only
# express that condition from provider 6.29 (invoked_via_function_url); with
# 5.x the alternatives are an unconditional public InvokeFunction grant (anyone
# could call the Invoke API directly) or this CLI call, which keeps the
# condition. See README "Function URL permissions" for the 6.29+ replacement.
resource "terraform_data" "api_url_invoke_permission" {
  count            = var.function_url_invoke_permission_via_cli ? 1 : 0
  triggers_replace = aws_lambda_function.this["api"].arn
  input            = aws_lambda_function.this["api"].function_name

  provisioner "local-exec" {
    # remove-then-add makes a re-run (e.g. after a taint) idempotent.
    command = <<-EOT
      aws lambda remove-permission --region "$REGION" --function-name "$FUNCTION" --statement-id FunctionURLAllowInvokeAction >/dev/null 2>&1 || true
      aws lambda add-permission --region "$REGION" --function-name "$FUNCTION" --statement-id FunctionURLAllowInvokeAction --action lambda:InvokeFunction --principal '*' --invoked-via-function-url
    EOT
    environment = {
      REGION   = local.region
      FUNCTION = self.input
    }
  }
}
