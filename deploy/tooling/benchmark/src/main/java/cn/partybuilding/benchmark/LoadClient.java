package cn.partybuilding.benchmark;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * The REST part's HTTP client: keep-alive HTTP/1.1 connections on one Vert.x event loop, bodies read and dropped. It
 * shares the two cores with the service it measures, so it must cost little: the JDK's HttpClient took 65–86 % of a core
 * at 1,000 requests/s (its selector thread, completion stages and executor hand-offs per request), that much CPU taken
 * from reporting-service while its tail was measured; this one takes a fraction of that (printed with each load).
 */
final class LoadClient implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
    private final HttpClient client;
    private final String host;
    private final int port;

    LoadClient(String baseUrl, int connections) {
        URI uri = URI.create(baseUrl);
        host = uri.getHost();
        port = uri.getPort();
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5000).setIdleTimeout(60),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    /** GET {@code path}; {@code done} receives the status, or -1 when the request failed. Callable from any thread. */
    void get(String path, MultiMap headers, IntConsumer done) {
        client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port).setURI(path).setHeaders(headers)
                        .setTimeout(30_000))
                .compose(request -> request.send().compose(response -> {
                    response.handler(ignored -> {
                    });
                    return response.end().map(ignored -> response.statusCode());
                }))
                .onComplete(result -> done.accept(result.succeeded() ? result.result() : -1));
    }

    static MultiMap headers(String... namesAndValues) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    @Override
    public void close() throws Exception {
        client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
