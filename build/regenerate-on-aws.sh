#!/usr/bin/env bash
# Makes every missing or outdated rendition of the deployed bucket with an S3 Batch Operations job: lists the
# originals into a manifest, uploads it under batch/manifests/, and creates a job that invokes the thumbnails function
# once per original (docs/regeneration.md says how to follow it and read its report).
# usage: bash build/regenerate-on-aws.sh [PREFIX]      PREFIX defaults to images/ (e.g. images/albums/2026/)
# Needs the AWS CLI, jq, and credentials that may list the bucket, put the manifest, create the job and pass the
# batch role (iam:PassRole). The bucket, function and role come from `terraform -chdir=iac output` unless BUCKET,
# THUMBNAILS_FUNCTION and BATCH_ROLE_ARN are set.
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=${1:-images/}
case "$prefix" in images/*) ;; *) echo "The prefix must be under images/ (got '$prefix')." >&2; exit 2 ;; esac
output() { terraform -chdir=iac output -raw "$1"; }
bucket=${BUCKET:-$(output bucket_name)}
function=${THUMBNAILS_FUNCTION:-$(output thumbnails_function_name)}
role=${BATCH_ROLE_ARN:-$(output batch_operations_role_arn)}
account=$(aws sts get-caller-identity --query Account --output text)
region=${AWS_REGION:-${AWS_DEFAULT_REGION:-$(aws configure get region)}}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
manifest=$(mktemp)
trap 'rm -f "$manifest"' EXIT

# One line per original: bucket,key with the key URL-encoded, the CSV manifest format Batch Operations reads. The CLI
# follows the listing's pages itself.
aws s3api list-objects-v2 --bucket "$bucket" --prefix "$prefix" --output json |
  jq -r --arg bucket "$bucket" '.Contents[]? | select(.Key | endswith("/") | not) | "\($bucket),\(.Key | @uri)"' > "$manifest"
count=$(wc -l < "$manifest" | tr -d ' ')
if [ "$count" -eq 0 ]; then echo "No originals under s3://$bucket/$prefix: nothing to do."; exit 0; fi

manifest_key="batch/manifests/$stamp.csv"
aws s3api put-object --bucket "$bucket" --key "$manifest_key" --body "$manifest" --content-type text/csv >/dev/null
etag=$(aws s3api head-object --bucket "$bucket" --key "$manifest_key" --query ETag --output text | tr -d '"')

job=$(aws s3control create-job --account-id "$account" --region "$region" --no-confirmation-required --priority 10 \
  --client-request-token "regenerate-$stamp" --role-arn "$role" \
  --description "ThumbApi regenerate $prefix ($count originals)" \
  --operation "{\"LambdaInvoke\":{\"FunctionArn\":\"arn:aws:lambda:$region:$account:function:$function\",\"InvocationSchemaVersion\":\"2.0\",\"UserArguments\":{\"reason\":\"regenerate\"}}}" \
  --manifest "{\"Spec\":{\"Format\":\"S3BatchOperations_CSV_20180820\",\"Fields\":[\"Bucket\",\"Key\"]},\"Location\":{\"ObjectArn\":\"arn:aws:s3:::$bucket/$manifest_key\",\"ETag\":\"$etag\"}}" \
  --report "{\"Bucket\":\"arn:aws:s3:::$bucket\",\"Prefix\":\"batch/reports\",\"Format\":\"Report_CSV_20180820\",\"Enabled\":true,\"ReportScope\":\"AllTasks\"}" \
  --query JobId --output text)

echo "Created S3 Batch Operations job $job over $count originals under s3://$bucket/$prefix."
echo "Follow it:  aws s3control describe-job --account-id $account --region $region --job-id $job --query 'Job.[Status,ProgressSummary]'"
echo "Its report: s3://$bucket/batch/reports/job-$job/"
