"""Production code as users write it: WeChat's own URL, no base-URL override, no proxy or CA setting.
Only the environment that env.sh exports sends it to the mock."""
import sys

import requests


def fetch_token(appid, secret):
    res = requests.get(f'https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid={appid}&secret={secret}', timeout=10)
    res.raise_for_status()
    return res.json()['access_token']


def status_of(url):
    """The HTTP status, or the exception's class when no answer came back."""
    try:
        return requests.get(url, timeout=10).status_code
    except requests.RequestException as err:
        return type(err).__name__


if __name__ == '__main__':
    if sys.argv[1] == 'token':
        print(fetch_token(sys.argv[2], sys.argv[3]))
    else:
        print(status_of(sys.argv[2]))
