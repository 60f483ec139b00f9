resource "aws_s3_bucket" "images" {
  bucket = local.bucket_name
}

resource "aws_s3_bucket_public_access_block" "images" {
  bucket = aws_s3_bucket.images.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# SSE-S3 rather than SSE-KMS: presigned POST/GET callers and S3's own event
# publishing then need no KMS grants, and there is no per-request KMS cost.
resource "aws_s3_bucket_server_side_encryption_configuration" "images" {
  bucket = aws_s3_bucket.images.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_policy" "images" {
  bucket = aws_s3_bucket.images.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [local.bucket_arn, "${local.bucket_arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })

  # Concurrent configuration calls on one bucket can fail with
  # OperationAborted; serialising these two avoids a flaky first apply.
  depends_on = [aws_s3_bucket_public_access_block.images]
}

# Browsers POST the file straight to S3 (presigned POST), so the bucket itself
# needs CORS. The upload page is served by the api function, hence its
# Function URL origin is always allowed in addition to the configured ones.
resource "aws_s3_bucket_cors_configuration" "images" {
  bucket = aws_s3_bucket.images.id

  cors_rule {
    allowed_origins = concat(var.allowed_origins, [trimsuffix(aws_lambda_function_url.api.function_url, "/")])
    allowed_methods = ["POST", "GET", "HEAD"]
    allowed_headers = ["*"]
    expose_headers  = ["ETag"]
    max_age_seconds = 3000
  }
}

# Lifecycle filters cannot match a key suffix such as ".failed.json", so the
# thumbnails function tags every failure record with thumbapi-kind=failure and
# the rule filters on that tag.
resource "aws_s3_bucket_lifecycle_configuration" "images" {
  count  = var.failure_record_expiration_days == null ? 0 : 1
  bucket = aws_s3_bucket.images.id

  rule {
    id     = "expire-failure-records"
    status = "Enabled"

    filter {
      and {
        prefix = local.thumbnails_prefix
        tags   = { "thumbapi-kind" = "failure" }
      }
    }

    expiration {
      days = var.failure_record_expiration_days
    }
  }
}

resource "aws_s3_bucket_notification" "images" {
  bucket = aws_s3_bucket.images.id

  # Only originals trigger work; the handler writes under thumbnails/, so the
  # prefix filter is what keeps the pipeline from triggering itself. A removed
  # original, by the API, any other tool or a lifecycle rule, takes its
  # thumbnails with it.
  topic {
    topic_arn     = aws_sns_topic.uploads.arn
    events        = ["s3:ObjectCreated:*", "s3:ObjectRemoved:*", "s3:LifecycleExpiration:*"]
    filter_prefix = local.images_prefix
  }

  # S3 sends a test event on save and fails unless it may already publish.
  depends_on = [aws_sns_topic_policy.uploads]
}
