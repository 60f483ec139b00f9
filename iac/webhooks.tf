# Webhooks on AWS (docs/webhooks.md): the thumbnails function puts each image
# event on a queue; the webhooks function (the same package, handler
# "webhooks") delivers the queue's batches. A refused delivery stays in the
# queue, hidden until its next attempt is due on the Standard Webhooks
# schedule (the app sets the message's visibility timeout: 5 s ... 10 h); after
# the eighth attempt the redrive policy moves it to the dead-letter queue.
# Nothing here exists without var.webhook_url.
locals {
  webhooks_function = {
    # One attempt takes at most 10 s (Notifications:AttemptTimeout), and a
    # batch's messages are delivered in parallel.
    memory_mb            = 512
    timeout_seconds      = 30
    reserved_concurrency = null
  }

  webhook_secret_parameter_name = coalesce(var.webhook_secret_parameter_name, "/${var.name}/webhook-secret")
  webhook_secret_parameter_arn  = "arn:${local.partition}:ssm:${local.region}:${local.account_id}:parameter${local.webhook_secret_parameter_name}"

  # Both the thumbnails and the webhooks function read these (the first queues,
  # the second delivers); only the webhooks role may read the secret.
  notifications_environment = local.webhooks_enabled ? {
    Notifications__WebhookUrl             = var.webhook_url
    Notifications__WebhookSecretParameter = local.webhook_secret_parameter_name
    Notifications__QueueUrl               = aws_sqs_queue.webhooks[0].url
  } : {}

  # The links in image events (webhooks or the bus) are absolute: with
  # public_base_url, or else the api function's Function URL, which the
  # thumbnails function looks up once (it cannot come from here: the URL is made
  # after the functions, and both are one resource).
  image_events_enabled = local.webhooks_enabled || local.event_bus_enabled
  public_base_url_set  = var.public_base_url != null && var.public_base_url != ""
  image_links_environment = !local.image_events_enabled ? {} : (
    local.public_base_url_set ? { Notifications__PublicBaseUrl = var.public_base_url } : { Notifications__ApiFunctionName = local.function_names["api"] }
  )
  image_links_statements = local.image_events_enabled && !local.public_base_url_set ? [{
    Sid      = "LookUpApiFunctionUrl"
    Effect   = "Allow"
    Action   = "lambda:GetFunctionUrlConfig"
    Resource = "arn:${local.partition}:lambda:${local.region}:${local.account_id}:function:${local.function_names["api"]}"
  }] : []

  webhook_attempts = 8
}

resource "aws_sqs_queue" "webhooks" {
  count = local.webhooks_enabled ? 1 : 0
  name  = "${var.name}-webhooks"
  # Lambda requires at least the function's timeout; AWS advises six times it,
  # so that a batch retried after a throttle is not received twice meanwhile.
  visibility_timeout_seconds = 6 * local.webhooks_function.timeout_seconds
  # The schedule spans about 28 hours; four days leave room for an outage.
  message_retention_seconds = 345600
  sqs_managed_sse_enabled   = true
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.webhooks_dlq[0].arn
    maxReceiveCount     = local.webhook_attempts
  })
}

resource "aws_sqs_queue" "webhooks_dlq" {
  count                     = local.webhooks_enabled ? 1 : 0
  name                      = "${var.name}-webhooks-dlq"
  message_retention_seconds = 1209600 # 14 days, the SQS maximum
  sqs_managed_sse_enabled   = true
}

resource "aws_lambda_event_source_mapping" "webhooks" {
  count            = local.webhooks_enabled ? 1 : 0
  event_source_arn = aws_sqs_queue.webhooks[0].arn
  function_name    = aws_lambda_function.this["webhooks"].arn
  batch_size       = 10
  # Only the failed messages of a batch stay in the queue; the others are deleted.
  function_response_types = ["ReportBatchItemFailures"]

  # At most this many batches at once: the receiver's load stays bounded
  # whatever a burst of uploads does.
  scaling_config {
    maximum_concurrency = 5
  }
}

resource "aws_iam_role_policy" "webhooks" {
  count = local.webhooks_enabled ? 1 : 0
  name  = "least-privilege"
  role  = aws_iam_role.this["webhooks"].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([
      local.write_own_logs["webhooks"],
      {
        # What Lambda's poller does with the function's role, and the
        # visibility change that postpones a refused delivery.
        Sid      = "ConsumeWebhookQueue"
        Effect   = "Allow"
        Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"]
        Resource = aws_sqs_queue.webhooks[0].arn
      },
    ], local.read_secure_string["WebhookSecret"])
  })
}
