<?php
// Production code as users write it: Guzzle (Debian's php-guzzlehttp-guzzle) and WeChat's URL, no proxy
// or CA option. Only the environment that env.sh exports sends it to the mock.
require '/usr/share/php/GuzzleHttp/autoload.php';

$client = new GuzzleHttp\Client(['timeout' => 10]);
try {
    $res = $client->get("https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid={$argv[1]}&secret={$argv[2]}");
    echo $res->getStatusCode(), ' ', $res->getBody(), "\n";
} catch (GuzzleHttp\Exception\TransferException $err) {
    echo 'error: ', $err->getMessage(), "\n";
    exit(1);
}
