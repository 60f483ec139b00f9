# Nothing is lost silently: an alarm as soon as anything waits in either
# dead-letter queue (replay it with build/redrive.sh, docs/deploying.md), and
# on any failed or throttled thumbnails invocation. Throttles are retried by
# Lambda, but they mean the reserved concurrency is too small for the load.
locals {
  alarm_actions = var.alarm_topic_arn == null || var.alarm_topic_arn == "" ? [] : [var.alarm_topic_arn]

  dead_letter_queues = merge(
    {
      thumbnails = aws_sqs_queue.thumbnails_dlq.name
      uploads    = aws_sqs_queue.uploads_dlq.name
    },
    { for queue in aws_sqs_queue.webhooks_dlq : "webhooks" => queue.name },
  )
}

resource "aws_cloudwatch_metric_alarm" "dead_letters" {
  for_each = local.dead_letter_queues

  alarm_name          = "${each.value}-not-empty"
  alarm_description   = each.key == "webhooks" ? "Webhooks the receiver refused eight times wait in ${each.value} until they are replayed (docs/webhooks.md)." : "Events wait in ${each.value}: thumbnails will be missing until they are replayed (build/redrive.sh)."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = each.value }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  # An idle queue publishes no data points; that is the healthy state.
  treat_missing_data = "notBreaching"
  alarm_actions      = local.alarm_actions
  ok_actions         = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "thumbnails" {
  for_each = toset(["Errors", "Throttles"])

  alarm_name          = "${local.function_names["thumbnails"]}-${lower(each.key)}"
  alarm_description   = "The thumbnails function reported ${each.key} (Lambda retries them; what still fails lands in ${aws_sqs_queue.thumbnails_dlq.name})."
  namespace           = "AWS/Lambda"
  metric_name         = each.key
  dimensions          = { FunctionName = aws_lambda_function.this["thumbnails"].function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}
