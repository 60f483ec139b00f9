# S3 Batch Operations regenerates every image's missing or outdated renditions
# over a bucket of any size (docs/regeneration.md): a job invokes the thumbnails
# function once per object of a manifest, with its own retries and a completion
# report. A job is a run, not infrastructure: build/regenerate-on-aws.sh creates
# one. Terraform provides what every job needs: the role Batch Operations acts
# with, and the prefixes of its manifests and reports.
locals {
  batch_manifests_prefix = "batch/manifests/"
  batch_reports_prefix   = "batch/reports/"
}

resource "aws_iam_role" "batch_operations" {
  name                 = "${var.name}-batch-operations"
  permissions_boundary = var.permissions_boundary_arn == "" ? null : var.permissions_boundary_arn
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "batchoperations.s3.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "batch_operations" {
  name = "least-privilege"
  role = aws_iam_role.batch_operations.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "InvokeThumbnails"
        Effect   = "Allow"
        Action   = "lambda:InvokeFunction"
        Resource = "arn:${local.partition}:lambda:${local.region}:${local.account_id}:function:${local.function_names["thumbnails"]}"
      },
      {
        Sid      = "ReadManifests"
        Effect   = "Allow"
        Action   = "s3:GetObject"
        Resource = "${local.bucket_arn}/${local.batch_manifests_prefix}*"
      },
      {
        Sid      = "WriteReports"
        Effect   = "Allow"
        Action   = "s3:PutObject"
        Resource = "${local.bucket_arn}/${local.batch_reports_prefix}*"
      },
    ]
  })
}
