output "api_url" {
  description = "Public base URL of the API (the api function's Function URL)."
  value       = aws_lambda_function_url.api.function_url
}

output "bucket_name" {
  description = "Bucket holding images/ (originals) and thumbnails/."
  value       = aws_s3_bucket.images.bucket
}

output "topic_arn" {
  description = "SNS topic that receives the bucket's ObjectCreated events under images/."
  value       = aws_sns_topic.uploads.arn
}

output "dlq_url" {
  description = "SQS queue holding upload events the thumbnails function failed on after all retries."
  value       = aws_sqs_queue.thumbnails_dlq.url
}

output "api_function_name" {
  description = "Name of the api Lambda function."
  value       = aws_lambda_function.this["api"].function_name
}

output "thumbnails_function_name" {
  description = "Name of the thumbnails Lambda function."
  value       = aws_lambda_function.this["thumbnails"].function_name
}

output "uploads_dlq_url" {
  description = "SQS queue holding upload events SNS could not deliver to the thumbnails function."
  value       = aws_sqs_queue.uploads_dlq.url
}

output "api_keys_parameter" {
  description = "SSM parameter the api function reads its API keys from; \"\" when public_uploads is true."
  value       = local.api_keys_parameter_name == null ? "" : local.api_keys_parameter_name
}

output "batch_operations_role_arn" {
  description = "Role an S3 Batch Operations job over images/ runs with (build/regenerate-on-aws.sh passes it)."
  value       = aws_iam_role.batch_operations.arn
}

output "webhooks_dlq_url" {
  description = "SQS queue holding webhooks the receiver refused eight times (replay with build/redrive.sh); \"\" without webhook_url."
  value       = local.webhooks_enabled ? aws_sqs_queue.webhooks_dlq[0].url : ""
}

output "webhook_secret_parameter" {
  description = "SSM parameter the webhooks function reads its signing secret from; \"\" without webhook_url."
  value       = local.webhooks_enabled ? local.webhook_secret_parameter_name : ""
}
