# Offline tests: the aws provider is mocked, so nothing here needs credentials
# or network. Data sources get fixed values so names and ARNs built from them
# are predictable; resources whose attributes are asserted on get realistic
# defaults instead of the mock's random strings.

mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
      arn        = "arn:aws:iam::123456789012:user/test"
      user_id    = "AIDATEST"
    }
  }
  mock_data "aws_region" {
    defaults = {
      name = "eu-west-1"
    }
  }
  mock_data "aws_partition" {
    defaults = {
      partition  = "aws"
      dns_suffix = "amazonaws.com"
    }
  }
  mock_resource "aws_lambda_function_url" {
    defaults = {
      function_url = "https://abcdefghij.lambda-url.eu-west-1.on.aws/"
    }
  }
  mock_resource "aws_lambda_function" {
    defaults = {
      arn = "arn:aws:lambda:eu-west-1:123456789012:function:mocked"
    }
  }
  mock_resource "aws_sns_topic" {
    defaults = {
      arn = "arn:aws:sns:eu-west-1:123456789012:thumbapi-uploads"
    }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/mocked"
    }
  }
  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/mocked"
    }
  }
}

# Each queue gets its own ARN, so a policy naming the wrong one fails.
override_resource {
  target = aws_sqs_queue.thumbnails_dlq
  values = {
    arn  = "arn:aws:sqs:eu-west-1:123456789012:thumbapi-thumbnails-dlq"
    url  = "https://sqs.eu-west-1.amazonaws.com/123456789012/thumbapi-thumbnails-dlq"
    name = "thumbapi-thumbnails-dlq"
  }
}

override_resource {
  target = aws_sqs_queue.uploads_dlq
  values = {
    arn  = "arn:aws:sqs:eu-west-1:123456789012:thumbapi-uploads-dlq"
    url  = "https://sqs.eu-west-1.amazonaws.com/123456789012/thumbapi-uploads-dlq"
    name = "thumbapi-uploads-dlq"
  }
}

# The real defaults are asserted in defaults.tftest.hcl, which sets nothing
# but the package; this file sets what its runs need to see.
variables {
  # A tiny committed zip stands in for the real package (built by
  # build/package.sh), so the tests run without a .NET build.
  package_path    = "./tests/fixtures/package.zip"
  allowed_origins = ["https://app.example.com", "http://localhost:5173"]
  # The CLI call runs as a provisioner during apply; mocked runs must not
  # reach for AWS. The "function_url" run covers the enabled case with a plan.
  function_url_invoke_permission_via_cli = false
}

run "bucket_is_private_encrypted_and_notifies_only_for_images" {
  command = plan

  assert {
    condition     = aws_s3_bucket.images.bucket == "thumbapi-123456789012-eu-west-1"
    error_message = "The default bucket name must derive from name, account and region."
  }

  assert {
    condition = alltrue([
      aws_s3_bucket_public_access_block.images.block_public_acls,
      aws_s3_bucket_public_access_block.images.block_public_policy,
      aws_s3_bucket_public_access_block.images.ignore_public_acls,
      aws_s3_bucket_public_access_block.images.restrict_public_buckets,
    ])
    error_message = "All four public access block settings must be true."
  }

  assert {
    condition = one([
      for r in aws_s3_bucket_server_side_encryption_configuration.images.rule :
      one(r.apply_server_side_encryption_by_default).sse_algorithm
    ]) == "AES256"
    error_message = "Default encryption must be configured."
  }

  assert {
    condition     = length(aws_s3_bucket_notification.images.topic) == 1
    error_message = "Exactly one notification target (the topic) is expected."
  }

  assert {
    condition     = one(aws_s3_bucket_notification.images.topic).filter_prefix == "images/"
    error_message = "Only images/ may trigger events, or thumbnails would trigger themselves."
  }

  assert {
    condition     = toset(one(aws_s3_bucket_notification.images.topic).events) == toset(["s3:ObjectCreated:*", "s3:ObjectRemoved:*", "s3:LifecycleExpiration:*"])
    error_message = "The notification must fire on every ObjectCreated event, and on every removal (ObjectRemoved, LifecycleExpiration: the cascade), and nothing else."
  }

  assert {
    condition     = length(aws_s3_bucket_notification.images.queue) == 0 && length(aws_s3_bucket_notification.images.lambda_function) == 0
    error_message = "S3 must notify only the topic."
  }

  assert {
    condition     = length(aws_s3_bucket_lifecycle_configuration.images) == 0
    error_message = "Failure records are kept unless an expiration is configured."
  }
}

run "failure_record_lifecycle_filters_on_the_tag" {
  command = plan

  variables {
    failure_record_expiration_days = 30
  }

  assert {
    condition     = one(one(one(aws_s3_bucket_lifecycle_configuration.images[0].rule).filter).and).tags == tomap({ "thumbapi-kind" = "failure" })
    error_message = "The lifecycle rule must select failure records by the thumbapi-kind=failure tag."
  }

  assert {
    condition     = one(one(one(aws_s3_bucket_lifecycle_configuration.images[0].rule).filter).and).prefix == "thumbnails/"
    error_message = "The lifecycle rule must stay inside thumbnails/."
  }

  assert {
    condition     = one(one(aws_s3_bucket_lifecycle_configuration.images[0].rule).expiration).days == 30
    error_message = "The expiration must come from failure_record_expiration_days."
  }
}

run "functions_share_one_package_and_differ_by_handler" {
  command = plan

  assert {
    condition     = aws_lambda_function.this["api"].handler == "api" && aws_lambda_function.this["thumbnails"].handler == "thumbnails"
    error_message = "Handlers must be api and thumbnails."
  }

  assert {
    condition     = alltrue([for f in aws_lambda_function.this : f.runtime == "provided.al2023" && tolist(f.architectures) == tolist(["arm64"])])
    error_message = "Both functions must run provided.al2023 on arm64."
  }

  assert {
    condition     = aws_lambda_function.this["api"].source_code_hash == filebase64sha256("./tests/fixtures/package.zip")
    error_message = "source_code_hash must follow the package so a new build redeploys the code."
  }

  assert {
    condition     = alltrue([for f in aws_lambda_function.this : f.s3_key == "deploy/package.zip" && f.filename == null])
    error_message = "By default the package goes through S3 (deploy/ prefix)."
  }

  assert {
    condition = alltrue([for f in aws_lambda_function.this : tomap({ for k, v in one(f.environment).variables : k => v if !contains(["DOTNET_GCHeapHardLimit", "Refresh__FunctionName", "DeleteTokens__KeyParameter"], k) }) == tomap({
      Storage__Provider       = "S3"
      Storage__Bucket         = "thumbapi-123456789012-eu-west-1"
      Storage__Region         = "eu-west-1"
      Thumbnails__Engine      = "NetVips"
      Cors__AllowedOrigins__0 = "https://app.example.com"
      Cors__AllowedOrigins__1 = "http://localhost:5173"
      Auth__ApiKeysParameter  = "/thumbapi/api-keys"
    })])
    error_message = "Environment variables must bind to the app's configuration names: storage, engine, CORS origins and the API keys' parameter (never a key)."
  }

  assert {
    condition = (one(aws_lambda_function.this["api"].environment).variables["Refresh__FunctionName"] == "thumbapi-thumbnails"
      && one(aws_lambda_function.this["api"].environment).variables["DeleteTokens__KeyParameter"] == "/thumbapi/delete-token-key"
    && length(setintersection(keys(one(aws_lambda_function.this["thumbnails"].environment).variables), ["Refresh__FunctionName", "DeleteTokens__KeyParameter"])) == 0)
    error_message = "The api function, and only it, must name the thumbnails function its lookups ask for refreshes and the delete-token key's parameter."
  }

  assert {
    condition     = aws_cloudwatch_log_group.this["thumbnails"].name == "/aws/lambda/thumbapi-thumbnails" && aws_cloudwatch_log_group.this["api"].retention_in_days == 14
    error_message = "Log groups must be /aws/lambda/<function> with retention."
  }
}

run "gc_heap_limit_follows_the_memory_setting" {
  command = plan

  variables {
    api_memory_mb = 2048
  }

  assert {
    condition     = aws_lambda_function.this["api"].memory_size == 2048 && one(aws_lambda_function.this["api"].environment).variables["DOTNET_GCHeapHardLimit"] == "59999999"
    error_message = "DOTNET_GCHeapHardLimit must follow api_memory_mb."
  }
}

run "package_can_be_uploaded_directly" {
  command = plan

  variables {
    upload_package_via_s3 = false
  }

  assert {
    condition     = length(aws_s3_object.package) == 0
    error_message = "No S3 copy of the package when uploading directly."
  }

  assert {
    condition     = alltrue([for f in aws_lambda_function.this : f.filename == "./tests/fixtures/package.zip" && f.s3_bucket == null])
    error_message = "Direct upload must use filename."
  }
}

# Exact allow-lists: every (effect, action, resource, condition) a role gets,
# one line each. Any widening (another resource such as bucket/*, another
# action, a dropped condition) changes the set and fails the run.
run "roles_are_least_privilege" {
  command = apply

  assert {
    condition = toset(flatten([
      for s in jsondecode(aws_iam_role_policy.api.policy).Statement : [
        for a in flatten([s.Action]) : [for r in flatten([s.Resource]) : "${s.Effect} ${a} ${r} ${jsonencode(try(s.Condition, null))}"]
      ]
      ])) == toset([
      "Allow logs:CreateLogStream arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/thumbapi-api:* null",
      "Allow logs:PutLogEvents arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/thumbapi-api:* null",
      "Allow s3:PutObject arn:aws:s3:::thumbapi-123456789012-eu-west-1/images/* null",
      "Allow s3:DeleteObject arn:aws:s3:::thumbapi-123456789012-eu-west-1/images/* null",
      "Allow ssm:GetParameter arn:aws:ssm:eu-west-1:123456789012:parameter/thumbapi/delete-token-key null",
      "Allow ssm:PutParameter arn:aws:ssm:eu-west-1:123456789012:parameter/thumbapi/delete-token-key null",
      "Allow kms:Decrypt arn:aws:kms:eu-west-1:123456789012:key/* ${jsonencode({ StringEquals = {
        "kms:ViaService"                      = "ssm.eu-west-1.amazonaws.com"
        "kms:EncryptionContext:PARAMETER_ARN" = "arn:aws:ssm:eu-west-1:123456789012:parameter/thumbapi/delete-token-key"
      } })}",
      "Allow kms:Encrypt arn:aws:kms:eu-west-1:123456789012:key/* ${jsonencode({ StringEquals = {
        "kms:ViaService"                      = "ssm.eu-west-1.amazonaws.com"
        "kms:EncryptionContext:PARAMETER_ARN" = "arn:aws:ssm:eu-west-1:123456789012:parameter/thumbapi/delete-token-key"
      } })}",
      "Allow s3:GetObject arn:aws:s3:::thumbapi-123456789012-eu-west-1/images/* null",
      "Allow s3:GetObject arn:aws:s3:::thumbapi-123456789012-eu-west-1/thumbnails/* null",
      "Allow s3:ListBucket arn:aws:s3:::thumbapi-123456789012-eu-west-1 ${jsonencode({ StringLike = { "s3:prefix" = ["images/*", "thumbnails/*"] } })}",
      "Allow lambda:InvokeFunction arn:aws:lambda:eu-west-1:123456789012:function:thumbapi-thumbnails null",
      "Allow ssm:GetParameter arn:aws:ssm:eu-west-1:123456789012:parameter/thumbapi/api-keys null",
      "Allow kms:Decrypt arn:aws:kms:eu-west-1:123456789012:key/* ${jsonencode({ StringEquals = {
        "kms:ViaService"                      = "ssm.eu-west-1.amazonaws.com"
        "kms:EncryptionContext:PARAMETER_ARN" = "arn:aws:ssm:eu-west-1:123456789012:parameter/thumbapi/api-keys"
      } })}",
    ])
    error_message = "The api role may write its own logs, presign uploads to images/* and delete originals there, read images/* and thumbnails/*, list those two prefixes, invoke the thumbnails function (refreshes), read and decrypt the one API keys parameter, and read or make the delete-token key: nothing more."
  }

  assert {
    condition = toset(flatten([
      for s in jsondecode(aws_iam_role_policy.thumbnails.policy).Statement : [
        for a in flatten([s.Action]) : [for r in flatten([s.Resource]) : "${s.Effect} ${a} ${r} ${jsonencode(try(s.Condition, null))}"]
      ]
      ])) == toset([
      "Allow logs:CreateLogStream arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/thumbapi-thumbnails:* null",
      "Allow logs:PutLogEvents arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/thumbapi-thumbnails:* null",
      "Allow s3:GetObject arn:aws:s3:::thumbapi-123456789012-eu-west-1/images/* null",
      "Allow s3:GetObject arn:aws:s3:::thumbapi-123456789012-eu-west-1/thumbnails/* null",
      "Allow s3:PutObject arn:aws:s3:::thumbapi-123456789012-eu-west-1/thumbnails/* null",
      "Allow s3:PutObjectTagging arn:aws:s3:::thumbapi-123456789012-eu-west-1/thumbnails/* null",
      "Allow s3:DeleteObject arn:aws:s3:::thumbapi-123456789012-eu-west-1/thumbnails/* null",
      "Allow s3:ListBucket arn:aws:s3:::thumbapi-123456789012-eu-west-1 ${jsonencode({ StringLike = { "s3:prefix" = ["images/*", "thumbnails/*"] } })}",
      "Allow sqs:SendMessage arn:aws:sqs:eu-west-1:123456789012:thumbapi-thumbnails-dlq null",
    ])
    error_message = "The thumbnails role may write its own logs, read images/* (never write or delete: that would loop), read, write and delete thumbnails/* with tags, list those two prefixes, and send to its dead-letter queue: nothing more."
  }
}

run "public_uploads_drop_the_key_parameter_and_its_permissions" {
  command = apply

  variables {
    public_uploads = true
  }

  assert {
    condition     = alltrue([for f in aws_lambda_function.this : !contains(keys(one(f.environment).variables), "Auth__ApiKeysParameter")])
    error_message = "Public uploads must not point the app at a key parameter."
  }

  assert {
    condition     = !strcontains(aws_iam_role_policy.api.policy, "/thumbapi/api-keys")
    error_message = "Public uploads need no access to the key parameter."
  }

  assert {
    condition     = output.api_keys_parameter == ""
    error_message = "The deploy workflow reads no key when uploads are public."
  }
}

run "api_keys_parameter_can_be_named" {
  command = apply

  variables {
    api_keys_parameter_name = "/shared/thumbapi/keys"
  }

  assert {
    condition     = one(aws_lambda_function.this["api"].environment).variables["Auth__ApiKeysParameter"] == "/shared/thumbapi/keys" && output.api_keys_parameter == "/shared/thumbapi/keys"
    error_message = "The api function must read the named parameter."
  }

  assert {
    condition = [for s in jsondecode(aws_iam_role_policy.api.policy).Statement : s.Resource if s.Sid == "ReadApiKeys"] == [
      "arn:aws:ssm:eu-west-1:123456789012:parameter/shared/thumbapi/keys"
    ]
    error_message = "GetParameter must follow the named parameter."
  }
}

run "rejects_a_parameter_name_without_a_leading_slash" {
  command = plan

  variables {
    api_keys_parameter_name = "thumbapi-keys"
  }

  expect_failures = [var.api_keys_parameter_name]
}

run "topic_accepts_only_this_bucket_and_feeds_the_thumbnails_function" {
  command = apply

  assert {
    condition     = one(jsondecode(aws_sns_topic_policy.uploads.policy).Statement).Principal == { Service = "s3.amazonaws.com" }
    error_message = "Only S3 may publish."
  }

  assert {
    condition = one(jsondecode(aws_sns_topic_policy.uploads.policy).Statement).Condition == {
      ArnLike      = { "aws:SourceArn" = "arn:aws:s3:::thumbapi-123456789012-eu-west-1" }
      StringEquals = { "aws:SourceAccount" = "123456789012" }
    }
    error_message = "Publishing must be conditioned on the bucket ARN and the account."
  }

  assert {
    condition     = aws_sns_topic_subscription.thumbnails.protocol == "lambda" && aws_sns_topic_subscription.thumbnails.endpoint == aws_lambda_function.this["thumbnails"].arn
    error_message = "The topic must deliver to the thumbnails function."
  }

  assert {
    condition     = aws_lambda_permission.thumbnails_from_sns.principal == "sns.amazonaws.com" && aws_lambda_permission.thumbnails_from_sns.source_arn == aws_sns_topic.uploads.arn
    error_message = "Only this topic may invoke the thumbnails function."
  }

  assert {
    condition     = one(one(aws_lambda_function_event_invoke_config.thumbnails.destination_config).on_failure).destination == aws_sqs_queue.thumbnails_dlq.arn
    error_message = "Failed events must land in the dead-letter queue."
  }

  assert {
    condition     = aws_lambda_function_event_invoke_config.thumbnails.maximum_retry_attempts == 2 && aws_lambda_function_event_invoke_config.thumbnails.maximum_event_age_in_seconds == 3600
    error_message = "Two retries within the configured event age."
  }

  assert {
    condition     = aws_sqs_queue.thumbnails_dlq.message_retention_seconds == 1209600 && aws_sqs_queue.thumbnails_dlq.sqs_managed_sse_enabled
    error_message = "The DLQ keeps messages 14 days, encrypted."
  }

  assert {
    condition     = output.topic_arn == aws_sns_topic.uploads.arn && output.dlq_url == aws_sqs_queue.thumbnails_dlq.url && output.uploads_dlq_url == aws_sqs_queue.uploads_dlq.url
    error_message = "Outputs must expose the topic and both queues."
  }
}

run "what_sns_cannot_deliver_lands_in_a_queue_it_may_send_to" {
  command = apply

  assert {
    condition     = jsondecode(aws_sns_topic_subscription.thumbnails.redrive_policy) == { deadLetterTargetArn = "arn:aws:sqs:eu-west-1:123456789012:thumbapi-uploads-dlq" }
    error_message = "The subscription must redrive undeliverable messages into the uploads dead-letter queue."
  }

  assert {
    condition = jsondecode(aws_sqs_queue_policy.uploads_dlq.policy).Statement == [{
      Sid       = "AllowUploadsTopicDeadLetters"
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:eu-west-1:123456789012:thumbapi-uploads-dlq"
      Condition = { ArnEquals = { "aws:SourceArn" = "arn:aws:sns:eu-west-1:123456789012:thumbapi-uploads" } }
    }]
    error_message = "Only the uploads topic may send to the uploads dead-letter queue, and only SendMessage."
  }

  assert {
    condition     = aws_sqs_queue_policy.uploads_dlq.queue_url == aws_sqs_queue.uploads_dlq.url
    error_message = "The policy must be on the uploads dead-letter queue."
  }

  assert {
    condition     = aws_sqs_queue.uploads_dlq.message_retention_seconds == 1209600 && aws_sqs_queue.uploads_dlq.sqs_managed_sse_enabled
    error_message = "The uploads DLQ keeps messages 14 days, encrypted with SQS-managed keys (SNS cannot use the AWS managed KMS key)."
  }
}

run "alarms_notify_the_topic_when_one_is_given" {
  command = apply

  variables {
    alarm_topic_arn = "arn:aws:sns:eu-west-1:123456789012:oncall"
  }

  assert {
    condition = alltrue([
      for a in concat(values(aws_cloudwatch_metric_alarm.dead_letters), values(aws_cloudwatch_metric_alarm.thumbnails)) :
      a.alarm_actions == toset(["arn:aws:sns:eu-west-1:123456789012:oncall"]) && a.ok_actions == toset(["arn:aws:sns:eu-west-1:123456789012:oncall"])
    ])
    error_message = "Every alarm must notify alarm_topic_arn, when it fires and when it clears."
  }
}

run "an_empty_alarm_topic_from_ci_means_none" {
  command = apply

  variables {
    alarm_topic_arn = ""
  }

  assert {
    condition = alltrue([
      for a in concat(values(aws_cloudwatch_metric_alarm.dead_letters), values(aws_cloudwatch_metric_alarm.thumbnails)) : length(a.alarm_actions) == 0
    ])
    error_message = "An unset repository variable must not become an empty alarm action."
  }
}

run "function_url_is_public_and_cors_is_answered_once_by_the_app" {
  command = apply

  assert {
    condition     = aws_lambda_function_url.api.authorization_type == "NONE"
    error_message = "The API is public (auth NONE)."
  }

  assert {
    condition     = length(aws_lambda_function_url.api.cors) == 0
    error_message = "CORS is answered by the app only (it exposes Location and Retry-After); a Function URL cors block would answer it a second time."
  }

  assert {
    condition = { for k, v in one(aws_lambda_function.this["api"].environment).variables : k => v if startswith(k, "Cors__") } == {
      Cors__AllowedOrigins__0 = "https://app.example.com"
      Cors__AllowedOrigins__1 = "http://localhost:5173"
    }
    error_message = "The app must get every allowed origin, in order."
  }

  assert {
    condition     = aws_lambda_permission.api_url_public.action == "lambda:InvokeFunctionUrl" && aws_lambda_permission.api_url_public.function_url_auth_type == "NONE" && aws_lambda_permission.api_url_public.principal == "*"
    error_message = "A public Function URL needs lambda:InvokeFunctionUrl for auth type NONE."
  }

  assert {
    condition     = toset(one(aws_s3_bucket_cors_configuration.images.cors_rule).allowed_origins) == toset(concat(var.allowed_origins, ["https://abcdefghij.lambda-url.eu-west-1.on.aws"]))
    error_message = "Bucket CORS must allow the configured origins plus the API's own origin (the upload page)."
  }

  assert {
    condition     = toset(one(aws_s3_bucket_cors_configuration.images.cors_rule).allowed_methods) == toset(["POST", "GET", "HEAD"]) && toset(one(aws_s3_bucket_cors_configuration.images.cors_rule).expose_headers) == toset(["ETag"])
    error_message = "Bucket CORS must allow POST, GET, HEAD and expose ETag."
  }

  assert {
    condition     = output.api_url == "https://abcdefghij.lambda-url.eu-west-1.on.aws/"
    error_message = "api_url must be the Function URL."
  }
}

run "rejects_origins_with_a_path" {
  command = plan

  variables {
    allowed_origins = ["https://app.example.com/"]
  }

  expect_failures = [var.allowed_origins]
}

run "roles_carry_the_deploy_boundary_when_given" {
  command = plan

  variables {
    permissions_boundary_arn = "arn:aws:iam::123456789012:policy/thumbapi-function-boundary"
  }

  assert {
    condition     = alltrue([for r in aws_iam_role.this : r.permissions_boundary == "arn:aws:iam::123456789012:policy/thumbapi-function-boundary"])
    error_message = "Both function roles must carry the boundary the deploy role requires."
  }
}

run "an_empty_boundary_from_ci_means_none" {
  command = plan

  variables {
    permissions_boundary_arn = ""
  }

  assert {
    condition     = alltrue([for r in aws_iam_role.this : r.permissions_boundary == null])
    error_message = "An unset repository variable must not become an empty boundary ARN."
  }
}

run "batch_operations_role_invokes_the_thumbnails_function_reads_manifests_and_writes_reports_only" {
  command = apply

  assert {
    condition     = jsondecode(aws_iam_role.batch_operations.assume_role_policy).Statement[0].Principal.Service == "batchoperations.s3.amazonaws.com"
    error_message = "Only S3 Batch Operations may assume the batch role."
  }

  assert {
    condition = toset(flatten([
      for s in jsondecode(aws_iam_role_policy.batch_operations.policy).Statement : [
        for a in flatten([s.Action]) : [for r in flatten([s.Resource]) : "${s.Effect} ${a} ${r}"]
      ]
      ])) == toset([
      "Allow lambda:InvokeFunction arn:aws:lambda:eu-west-1:123456789012:function:thumbapi-thumbnails",
      "Allow s3:GetObject arn:aws:s3:::thumbapi-123456789012-eu-west-1/batch/manifests/*",
      "Allow s3:PutObject arn:aws:s3:::thumbapi-123456789012-eu-west-1/batch/reports/*",
    ])
    error_message = "The batch role may invoke the thumbnails function, read manifests and write reports under batch/: nothing more."
  }
}

run "batch_role_carries_the_deploy_boundary_when_given" {
  command = plan

  variables {
    permissions_boundary_arn = "arn:aws:iam::123456789012:policy/thumbapi-function-boundary"
  }

  assert {
    condition     = aws_iam_role.batch_operations.permissions_boundary == "arn:aws:iam::123456789012:policy/thumbapi-function-boundary"
    error_message = "The deploy role may only create roles under the function boundary: the batch role too."
  }
}

run "without_a_receiver_there_is_no_webhook_queue_or_function" {
  command = plan

  assert {
    condition     = length(aws_sqs_queue.webhooks) == 0 && length(aws_sqs_queue.webhooks_dlq) == 0 && length(aws_lambda_event_source_mapping.webhooks) == 0
    error_message = "Without webhook_url nothing of the webhooks exists."
  }

  assert {
    condition     = keys(aws_lambda_function.this) == ["api", "thumbnails"]
    error_message = "Without webhook_url there are two functions."
  }

  assert {
    condition     = length([for name in keys(aws_lambda_function.this["thumbnails"].environment[0].variables) : name if startswith(name, "Notifications__")]) == 0
    error_message = "Without webhook_url the thumbnails function queues nothing."
  }
}

run "webhooks_are_queued_by_the_thumbnails_function_and_delivered_by_a_third_role" {
  command = apply

  variables {
    webhook_url     = "https://app.example.com/hooks/thumbapi"
    public_base_url = "https://thumbs.example.com/"
  }

  override_resource {
    target = aws_sqs_queue.webhooks
    values = {
      arn  = "arn:aws:sqs:eu-west-1:123456789012:thumbapi-webhooks"
      url  = "https://sqs.eu-west-1.amazonaws.com/123456789012/thumbapi-webhooks"
      name = "thumbapi-webhooks"
    }
  }

  override_resource {
    target = aws_sqs_queue.webhooks_dlq
    values = {
      arn  = "arn:aws:sqs:eu-west-1:123456789012:thumbapi-webhooks-dlq"
      url  = "https://sqs.eu-west-1.amazonaws.com/123456789012/thumbapi-webhooks-dlq"
      name = "thumbapi-webhooks-dlq"
    }
  }

  assert {
    condition = (
      aws_lambda_function.this["webhooks"].function_name == "thumbapi-webhooks" &&
      aws_lambda_function.this["webhooks"].handler == "webhooks" &&
      aws_lambda_function.this["webhooks"].runtime == "provided.al2023" &&
      aws_lambda_function.this["webhooks"].s3_key == aws_lambda_function.this["api"].s3_key &&
      aws_lambda_function.this["webhooks"].source_code_hash == aws_lambda_function.this["api"].source_code_hash &&
      aws_lambda_function.this["webhooks"].timeout == 30
    )
    error_message = "The webhooks function runs the same package as the others, as the webhooks role, with a 30 s timeout."
  }

  assert {
    condition = {
      for name, value in aws_lambda_function.this["thumbnails"].environment[0].variables : name => value if startswith(name, "Notifications__")
      } == {
      Notifications__WebhookUrl             = "https://app.example.com/hooks/thumbapi"
      Notifications__WebhookSecretParameter = "/thumbapi/webhook-secret"
      Notifications__QueueUrl               = "https://sqs.eu-west-1.amazonaws.com/123456789012/thumbapi-webhooks"
      Notifications__PublicBaseUrl          = "https://thumbs.example.com/"
    }
    error_message = "The thumbnails function knows the receiver, the secret's parameter (never the secret), the queue and the public base URL."
  }

  assert {
    condition = {
      for name, value in aws_lambda_function.this["webhooks"].environment[0].variables : name => value if startswith(name, "Notifications__")
      } == {
      Notifications__WebhookUrl             = "https://app.example.com/hooks/thumbapi"
      Notifications__WebhookSecretParameter = "/thumbapi/webhook-secret"
      Notifications__QueueUrl               = "https://sqs.eu-west-1.amazonaws.com/123456789012/thumbapi-webhooks"
    }
    error_message = "The webhooks function knows the receiver, the secret's parameter and the queue."
  }

  assert {
    condition     = length([for s in jsondecode(aws_iam_role_policy.thumbnails.policy).Statement : s if s.Sid == "LookUpApiFunctionUrl"]) == 0
    error_message = "With public_base_url the thumbnails role looks nothing up."
  }

  assert {
    condition     = length([for name in keys(aws_lambda_function.this["api"].environment[0].variables) : name if startswith(name, "Notifications__")]) == 0
    error_message = "The api function tells no image events."
  }

  assert {
    condition = jsondecode(aws_sqs_queue.webhooks[0].redrive_policy) == {
      deadLetterTargetArn = "arn:aws:sqs:eu-west-1:123456789012:thumbapi-webhooks-dlq"
      maxReceiveCount     = 8
    }
    error_message = "After the eighth attempt (the schedule's last) a webhook moves to its dead-letter queue."
  }

  assert {
    condition = (
      aws_sqs_queue.webhooks[0].visibility_timeout_seconds >= 6 * aws_lambda_function.this["webhooks"].timeout &&
      aws_sqs_queue.webhooks[0].message_retention_seconds > 28 * 3600 &&
      aws_sqs_queue.webhooks[0].sqs_managed_sse_enabled &&
      aws_sqs_queue.webhooks_dlq[0].message_retention_seconds == 1209600
    )
    error_message = "The queue hides a batch for six function timeouts, keeps a message longer than the day-long schedule, and is encrypted; its dead letters are kept 14 days."
  }

  assert {
    condition = (
      aws_lambda_event_source_mapping.webhooks[0].event_source_arn == "arn:aws:sqs:eu-west-1:123456789012:thumbapi-webhooks" &&
      aws_lambda_event_source_mapping.webhooks[0].function_response_types == toset(["ReportBatchItemFailures"]) &&
      aws_lambda_event_source_mapping.webhooks[0].batch_size == 10 &&
      aws_lambda_event_source_mapping.webhooks[0].scaling_config[0].maximum_concurrency == 5
    )
    error_message = "The queue feeds the webhooks function in batches of 10, at most 5 at once, and only the failed messages of a batch stay."
  }

  assert {
    condition = toset(flatten([
      for s in jsondecode(aws_iam_role_policy.webhooks[0].policy).Statement : [
        for a in flatten([s.Action]) : [for r in flatten([s.Resource]) : "${s.Effect} ${a} ${r} ${jsonencode(try(s.Condition, null))}"]
      ]
      ])) == toset([
      "Allow logs:CreateLogStream arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/thumbapi-webhooks:* null",
      "Allow logs:PutLogEvents arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/thumbapi-webhooks:* null",
      "Allow sqs:ReceiveMessage arn:aws:sqs:eu-west-1:123456789012:thumbapi-webhooks null",
      "Allow sqs:DeleteMessage arn:aws:sqs:eu-west-1:123456789012:thumbapi-webhooks null",
      "Allow sqs:GetQueueAttributes arn:aws:sqs:eu-west-1:123456789012:thumbapi-webhooks null",
      "Allow sqs:ChangeMessageVisibility arn:aws:sqs:eu-west-1:123456789012:thumbapi-webhooks null",
      "Allow ssm:GetParameter arn:aws:ssm:eu-west-1:123456789012:parameter/thumbapi/webhook-secret null",
      "Allow kms:Decrypt arn:aws:kms:eu-west-1:123456789012:key/* ${jsonencode({ StringEquals = {
        "kms:ViaService"                      = "ssm.eu-west-1.amazonaws.com"
        "kms:EncryptionContext:PARAMETER_ARN" = "arn:aws:ssm:eu-west-1:123456789012:parameter/thumbapi/webhook-secret"
      } })}",
    ])
    error_message = "The webhooks role may write its own logs, consume and postpone messages of its queue, and read and decrypt the one secret parameter: no bucket, nothing more."
  }

  assert {
    condition = contains([
      for s in jsondecode(aws_iam_role_policy.thumbnails.policy).Statement : "${s.Action} ${s.Resource}" if s.Sid == "QueueWebhooks"
    ], "sqs:SendMessage arn:aws:sqs:eu-west-1:123456789012:thumbapi-webhooks")
    error_message = "The thumbnails role may send to the webhooks queue."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.dead_letters["webhooks"].dimensions.QueueName == "thumbapi-webhooks-dlq"
    error_message = "A webhook in the dead-letter queue raises the alarm."
  }

  assert {
    condition     = output.webhooks_dlq_url == "https://sqs.eu-west-1.amazonaws.com/123456789012/thumbapi-webhooks-dlq" && output.webhook_secret_parameter == "/thumbapi/webhook-secret"
    error_message = "The outputs name the dead-letter queue and the parameter to create."
  }
}

run "an_empty_webhook_url_from_ci_means_none" {
  command = plan

  variables {
    webhook_url     = ""
    public_base_url = ""
  }

  assert {
    condition     = length(aws_sqs_queue.webhooks) == 0 && !contains(keys(aws_lambda_function.this), "webhooks")
    error_message = "An unset repository variable (\"\") means no webhooks."
  }
}

run "image_events_go_to_an_event_bus_when_one_is_named" {
  command = apply

  variables {
    event_bus_name = "default"
  }

  assert {
    condition = {
      for name, value in aws_lambda_function.this["thumbnails"].environment[0].variables : name => value if startswith(name, "Notifications__")
      } == {
      Notifications__EventBusName    = "default"
      Notifications__EventSource     = "thumbapi"
      Notifications__ApiFunctionName = "thumbapi-api"
    }
    error_message = "The thumbnails function puts image events on the named bus, with the deployment's name as their source, makes their links absolute with the api function's URL, and queues no webhooks."
  }

  assert {
    condition = [
      for s in jsondecode(aws_iam_role_policy.thumbnails.policy).Statement : "${s.Effect} ${s.Action} ${s.Resource}" if s.Sid == "LookUpApiFunctionUrl"
    ] == ["Allow lambda:GetFunctionUrlConfig arn:aws:lambda:eu-west-1:123456789012:function:thumbapi-api"]
    error_message = "Without public_base_url the thumbnails role may read the api function's URL, that one function's only."
  }

  assert {
    condition = [
      for s in jsondecode(aws_iam_role_policy.thumbnails.policy).Statement : "${s.Effect} ${s.Action} ${s.Resource}" if s.Sid == "PutImageEvents"
    ] == ["Allow events:PutEvents arn:aws:events:eu-west-1:123456789012:event-bus/default"]
    error_message = "The thumbnails role may put events on that one bus."
  }

  assert {
    condition     = length([for name in keys(aws_lambda_function.this["api"].environment[0].variables) : name if startswith(name, "Notifications__")]) == 0
    error_message = "Only the thumbnails function puts events."
  }
}

run "a_bus_in_another_account_is_named_by_its_arn" {
  command = plan

  variables {
    event_bus_name = "arn:aws:events:eu-west-1:210987654321:event-bus/central"
  }

  assert {
    condition = [
      for s in jsondecode(aws_iam_role_policy.thumbnails.policy).Statement : s.Resource if s.Sid == "PutImageEvents"
    ] == ["arn:aws:events:eu-west-1:210987654321:event-bus/central"]
    error_message = "A bus named by its ARN is the one the role may put events on."
  }
}

run "rejects_a_bus_name_eventbridge_would_refuse" {
  command = plan

  variables {
    event_bus_name = "bus with spaces"
  }

  expect_failures = [var.event_bus_name]
}
