# The real defaults: this file sets no variable but the package (a path, which
# must exist for filebase64sha256), so every value below is what a deployer
# gets by not choosing. Plans only, since apply would run the default Function
# URL provisioner (the AWS CLI).

mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }
  mock_data "aws_region" {
    defaults = {
      name = "eu-west-1"
    }
  }
  mock_data "aws_partition" {
    defaults = {
      partition = "aws"
    }
  }
}

variables {
  package_path = "./tests/fixtures/package.zip"
}

run "defaults" {
  command = plan

  assert {
    condition     = aws_lambda_function.this["api"].memory_size == 1024 && aws_lambda_function.this["api"].timeout == 10
    error_message = "api defaults: 1024 MB, 10 s."
  }

  assert {
    condition     = aws_lambda_function.this["thumbnails"].memory_size == 1769 && aws_lambda_function.this["thumbnails"].timeout == 60
    error_message = "thumbnails defaults: 1769 MB (one whole vCPU), 60 s."
  }

  assert {
    # 0.7 × 1024 MB and 0.7 × 1769 MB in bytes, rounded down, in hex without 0x.
    condition     = one(aws_lambda_function.this["api"].environment).variables["DOTNET_GCHeapHardLimit"] == "2CCCCCCC" && one(aws_lambda_function.this["thumbnails"].environment).variables["DOTNET_GCHeapHardLimit"] == "4D64CCCC"
    error_message = "DOTNET_GCHeapHardLimit must be 70 % of the default 1024 MB and 1769 MB, in hex bytes without 0x (Native AOT ignores 0x)."
  }

  assert {
    condition     = aws_lambda_function.this["thumbnails"].reserved_concurrent_executions == 10
    error_message = "thumbnails reserves 10 concurrent executions by default (about 40 images a second), so a burst cannot take the account's concurrency."
  }

  assert {
    condition     = aws_lambda_function.this["api"].reserved_concurrent_executions == 10
    error_message = "api reserves 10 concurrent executions by default: the ceiling on what one client can make the per-instance rate limits add up to."
  }

  assert {
    condition     = one(aws_lambda_function.this["api"].environment).variables["Auth__ApiKeysParameter"] == "/thumbapi/api-keys"
    error_message = "Uploads are closed by default: the api function reads its keys from /thumbapi/api-keys."
  }

  assert {
    condition     = alltrue([for f in aws_lambda_function.this : length([for k in keys(one(f.environment).variables) : k if startswith(k, "Auth__ApiKeys__")]) == 0])
    error_message = "No key is ever a plain environment variable."
  }

  assert {
    condition     = alltrue([for f in aws_lambda_function.this : length([for k in keys(one(f.environment).variables) : k if startswith(k, "Cors__")]) == 0]) && length(aws_lambda_function_url.api.cors) == 0
    error_message = "With no allowed_origins nothing answers CORS: the upload page is same-origin."
  }

  assert {
    condition     = length(terraform_data.api_url_invoke_permission) == 1 && terraform_data.api_url_invoke_permission[0].input == "thumbapi-api"
    error_message = "The Function URL's InvokeFunction permission is added by default, for the api function."
  }

  assert {
    condition     = aws_lambda_function_event_invoke_config.thumbnails.maximum_retry_attempts == 2 && aws_lambda_function_event_invoke_config.thumbnails.maximum_event_age_in_seconds == 3600
    error_message = "thumbnails events are retried twice within an hour by default."
  }

  assert {
    condition     = alltrue([for a in concat(values(aws_cloudwatch_metric_alarm.dead_letters), values(aws_cloudwatch_metric_alarm.thumbnails)) : length(a.alarm_actions) == 0])
    error_message = "Without alarm_topic_arn the alarms notify nobody (and still show in CloudWatch)."
  }

  assert {
    condition     = length(aws_s3_bucket_lifecycle_configuration.images) == 0
    error_message = "Failure records are kept unless an expiration is configured."
  }
}

run "alarms_watch_both_dead_letter_queues_and_thumbnails_errors_and_throttles" {
  command = plan

  assert {
    condition = { for k, a in aws_cloudwatch_metric_alarm.dead_letters : k => [a.namespace, a.metric_name, a.dimensions.QueueName, a.comparison_operator, tostring(a.threshold), a.treat_missing_data] } == {
      thumbnails = ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "thumbapi-thumbnails-dlq", "GreaterThanThreshold", "0", "notBreaching"]
      uploads    = ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "thumbapi-uploads-dlq", "GreaterThanThreshold", "0", "notBreaching"]
    }
    error_message = "Each dead-letter queue must alarm as soon as one message waits in it."
  }

  assert {
    condition = { for k, a in aws_cloudwatch_metric_alarm.thumbnails : k => [a.namespace, a.metric_name, a.dimensions.FunctionName, a.statistic, a.comparison_operator, tostring(a.threshold)] } == {
      Errors    = ["AWS/Lambda", "Errors", "thumbapi-thumbnails", "Sum", "GreaterThanThreshold", "0"]
      Throttles = ["AWS/Lambda", "Throttles", "thumbapi-thumbnails", "Sum", "GreaterThanThreshold", "0"]
    }
    error_message = "The thumbnails function must alarm on any error and any throttle."
  }
}
