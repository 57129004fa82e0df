// Production code as users write it: the JDK's own HttpClient and WeChat's URL, no proxy or trust
// settings. Only JAVA_TOOL_OPTIONS (system properties the JVM reads at start) sends it to the mock.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class WechatToken {
    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=" + args[0] + "&secret=" + args[1]);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println(response.statusCode() + " " + response.body());
    }
}
