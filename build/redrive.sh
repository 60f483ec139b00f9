#!/usr/bin/env bash
# Replays dead-lettered upload events through the thumbnails function, then deletes each one that succeeded:
#   build/redrive.sh <queue-url> <thumbnails-function-name> [max-messages]
# Works on both dead-letter queues (terraform output dlq_url and uploads_dlq_url):
#   - thumbnails DLQ: Lambda's on-failure records; the original SNS event is their requestPayload.
#   - uploads DLQ: SNS notifications it could not deliver; each is wrapped back into the SNS event Lambda receives.
# Each event is invoked synchronously, so a message is deleted only when the function returned without an error;
# one that fails again stays in the queue (visible again after its visibility timeout). Needs the AWS CLI and jq.
set -euo pipefail

if [[ $# -lt 2 || $# -gt 3 ]]; then
  echo "usage: $0 <queue-url> <thumbnails-function-name> [max-messages]" >&2
  exit 2
fi
queue="$1"
function="$2"
max="${3:-1000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

replayed=0; failed=0
while [[ $((replayed + failed)) -lt $max ]]; do
  # The visibility timeout hides a message from other readers while it is replayed (a thumbnails invocation
  # takes at most its 60 s timeout).
  aws sqs receive-message --queue-url "$queue" --max-number-of-messages 1 --visibility-timeout 120 \
    --wait-time-seconds 1 --output json >"$work/received.json"
  [[ -s "$work/received.json" ]] && jq -e '.Messages | length > 0' "$work/received.json" >/dev/null || break

  id="$(jq -r '.Messages[0].MessageId' "$work/received.json")"
  receipt="$(jq -r '.Messages[0].ReceiptHandle' "$work/received.json")"
  jq -r '.Messages[0].Body' "$work/received.json" >"$work/body.json"
  if jq -e 'has("requestPayload")' "$work/body.json" >/dev/null 2>&1; then
    jq -c '.requestPayload' "$work/body.json" >"$work/event.json"
  elif jq -e '.Type == "Notification"' "$work/body.json" >/dev/null 2>&1; then
    jq -c '{Records: [{EventSource: "aws:sns", EventVersion: "1.0", EventSubscriptionArn: "", Sns: .}]}' "$work/body.json" >"$work/event.json"
  else
    echo "redrive: $id is neither a Lambda failure record nor an SNS notification; left in the queue" >&2
    failed=$((failed + 1))
    continue
  fi

  if aws lambda invoke --function-name "$function" --invocation-type RequestResponse \
      --payload "fileb://$work/event.json" \
      --output json "$work/response.json" >"$work/invoke.json" &&
     ! jq -e 'has("FunctionError")' "$work/invoke.json" >/dev/null; then
    aws sqs delete-message --queue-url "$queue" --receipt-handle "$receipt"
    replayed=$((replayed + 1))
    echo "redrive: $id replayed and deleted"
  else
    failed=$((failed + 1))
    echo "redrive: $id failed again ($(cat "$work/response.json" 2>/dev/null | head -c 300)); left in the queue" >&2
  fi
done

echo "redrive: $replayed replayed, $failed left in the queue"
[[ $failed -eq 0 ]]
