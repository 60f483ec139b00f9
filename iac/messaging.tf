# No SSE on the topic: S3 cannot publish to a topic encrypted with the AWS
# managed SNS key, and a customer key would add KMS cost for messages that only
# carry object keys.
resource "aws_sns_topic" "uploads" {
  name = "${var.name}-uploads"
}

resource "aws_sns_topic_policy" "uploads" {
  arn = aws_sns_topic.uploads.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AllowImageBucketToPublish"
      Effect    = "Allow"
      Principal = { Service = "s3.amazonaws.com" }
      Action    = "SNS:Publish"
      Resource  = aws_sns_topic.uploads.arn
      # Both conditions: SourceArn alone could match a same-named bucket
      # re-created in another account after ours is deleted.
      Condition = {
        ArnLike      = { "aws:SourceArn" = local.bucket_arn }
        StringEquals = { "aws:SourceAccount" = local.account_id }
      }
    }]
  })
}

resource "aws_sns_topic_subscription" "thumbnails" {
  topic_arn = aws_sns_topic.uploads.arn
  protocol  = "lambda"
  endpoint  = aws_lambda_function.this["thumbnails"].arn
}

resource "aws_lambda_permission" "thumbnails_from_sns" {
  statement_id  = "AllowUploadsTopic"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this["thumbnails"].function_name
  principal     = "sns.amazonaws.com"
  source_arn    = aws_sns_topic.uploads.arn
}

# SNS invokes Lambda asynchronously, so events that still fail after Lambda's
# retries are kept here for inspection or replay instead of being dropped.
resource "aws_sqs_queue" "thumbnails_dlq" {
  name                      = "${var.name}-thumbnails-dlq"
  message_retention_seconds = 1209600 # 14 days, the SQS maximum
  sqs_managed_sse_enabled   = true
}
