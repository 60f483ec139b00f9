output "deploy_role_arn" {
  description = "Set as the repository variable AWS_DEPLOY_ROLE_ARN."
  value       = aws_iam_role.deploy.arn
}

output "permissions_boundary_arn" {
  description = "Set as the repository variable AWS_PERMISSIONS_BOUNDARY_ARN; the deploy role can only create function roles carrying this boundary."
  value       = aws_iam_policy.function_boundary.arn
}

output "state_bucket" {
  description = "Bucket for remote state (null when not created here); use it in the backend config."
  value       = one(aws_s3_bucket.state[*].bucket)
}
