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

  # What SNS cannot hand to Lambda at all (a client error such as a missing
  # permission, or server errors past its retries) lands here instead of being
  # dropped; what Lambda accepted and then failed goes to thumbnails_dlq.
  redrive_policy = jsonencode({ deadLetterTargetArn = aws_sqs_queue.uploads_dlq.arn })

  # SNS checks it may send to the queue when the policy is set.
  depends_on = [aws_sqs_queue_policy.uploads_dlq]
}

# SSE-SQS, not SSE-KMS: SNS can only send to a KMS-encrypted queue through a
# customer managed key whose policy admits it.
resource "aws_sqs_queue" "uploads_dlq" {
  name                      = "${var.name}-uploads-dlq"
  message_retention_seconds = 1209600 # 14 days, the SQS maximum
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue_policy" "uploads_dlq" {
  queue_url = aws_sqs_queue.uploads_dlq.url
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AllowUploadsTopicDeadLetters"
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.uploads_dlq.arn
      Condition = { ArnEquals = { "aws:SourceArn" = aws_sns_topic.uploads.arn } }
    }]
  })
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
