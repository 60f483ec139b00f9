-- wrk script: POST /uploads with a small JSON body. wrk itself counts every non-2xx answer ("Non-2xx or 3xx responses").
wrk.method = "POST"
wrk.body = '{"fileName":"photo.jpg","contentType":"image/jpeg","contentLength":123456}'
wrk.headers["Content-Type"] = "application/json"
