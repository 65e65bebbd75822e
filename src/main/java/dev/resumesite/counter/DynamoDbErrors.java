package dev.resumesite.counter;

import java.net.ConnectException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sorts DynamoDB's errors into the two kinds the counter acts on. Transient: timeouts, connection
 * errors, throttling, 5xx. Permanent: any other 4xx (unknown table, access denied, bad credentials,
 * validation), each with the setting to change.
 */
final class DynamoDbErrors {
    /** 4xx codes that pass by themselves: throttling, and credentials the SDK will refresh. */
    private static final Set<String> TRANSIENT_4XX = Set.of(
            "ThrottlingException", "ProvisionedThroughputExceededException", "RequestLimitExceeded",
            "LimitExceededException", "TransactionConflictException", "ExpiredTokenException", "RequestTimeoutException");
    private static final Set<String> CREDENTIAL_ERRORS = Set.of(
            "UnrecognizedClientException", "InvalidSignatureException", "MissingAuthenticationTokenException",
            "IncompleteSignatureException", "InvalidClientTokenId");

    private DynamoDbErrors() {
    }

    static StoreException convert(SdkException e, String table) {
        if (e instanceof AwsServiceException service && isPermanent(service)) {
            return new StoreMisconfiguredException(fix(service, table), e);
        }
        // The SDK says only this, in words, when the default chain finds no credentials at all.
        if (!(e instanceof AwsServiceException) && String.valueOf(e.getMessage()).contains("Unable to load credentials")) {
            return new StoreMisconfiguredException("no AWS credentials found; on AWS give the instance a role "
                    + "(infra/stack.yml does), locally set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (any values for dynalite)", e);
        }
        return new StoreUnavailableException("DynamoDB did not answer: " + e.getMessage(), e);
    }

    /**
     * Whether nothing listened where the client tried to connect: a refused connection, not a lost or
     * slow one. Only the operator can fix that when the endpoint is theirs ({@code DYNAMODB_ENDPOINT}).
     */
    static boolean refused(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException && String.valueOf(cause.getMessage()).contains("refused")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPermanent(AwsServiceException e) {
        int status = e.statusCode();
        return status >= 400 && status < 500 && !e.isThrottlingException() && !TRANSIENT_4XX.contains(code(e));
    }

    private static String fix(AwsServiceException e, String table) {
        String code = code(e);
        String said = e.awsErrorDetails() == null ? e.getMessage() : code + ": " + e.awsErrorDetails().errorMessage();
        if (code.equals("ResourceNotFoundException")) {
            return "DYNAMODB_TABLE=" + table + ": no such table in AWS_REGION (" + said + "); create it with "
                    + "infra/stack.yml, or set DYNAMODB_CREATE_TABLE=true for local development";
        }
        if (code.equals("AccessDeniedException")) {
            return "DYNAMODB_TABLE=" + table + ": the app's AWS role may not use this table (" + said + "); grant "
                    + "dynamodb:GetItem and dynamodb:UpdateItem on the table's ARN, as infra/stack.yml's instance role does";
        }
        if (CREDENTIAL_ERRORS.contains(code)) {
            return "DynamoDB refused the AWS credentials (" + said + "); on AWS use the instance role, locally set "
                    + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (any values for dynalite)";
        }
        if (code.equals("ValidationException")) {
            return "DYNAMODB_TABLE=" + table + ": DynamoDB rejected the request (" + said + "); the table needs the "
                    + "key schema pk (String, partition) + sk (String, sort) that infra/stack.yml creates";
        }
        return "DYNAMODB_TABLE=" + table + ": DynamoDB refused (" + said + "); check DYNAMODB_TABLE, AWS_REGION "
                + "and the app's role";
    }

    private static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
    }
}
