# Optionally, every image event also goes to an EventBridge bus for AWS-native
# consumers (docs/webhooks.md, "EventBridge"): the thumbnails function puts it
# there itself (PutEvents), with the deployment's name as the source. The bus
# is not made here: "default" is the account's own, and an ARN may name one in
# another account (whose resource policy must then admit this role).
locals {
  event_bus_enabled = var.event_bus_name != null && var.event_bus_name != ""
  event_bus_arn = !local.event_bus_enabled ? null : (
    startswith(var.event_bus_name, "arn:") ? var.event_bus_name : "arn:${local.partition}:events:${local.region}:${local.account_id}:event-bus/${var.event_bus_name}"
  )

  event_bus_environment = local.event_bus_enabled ? {
    Notifications__EventBusName = var.event_bus_name
    Notifications__EventSource  = var.name
  } : {}

  event_bus_statements = local.event_bus_enabled ? [{
    Sid      = "PutImageEvents"
    Effect   = "Allow"
    Action   = "events:PutEvents"
    Resource = local.event_bus_arn
  }] : []
}
