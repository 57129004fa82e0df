// A client using only Go's standard library: http.DefaultClient, which reads HTTPS_PROXY and
// SSL_CERT_FILE from the environment and verifies certificates; and Go's certificate verifier, to
// check a leaf against the intercept CA alone, name constraints included.
package main

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"os"
)

func main() {
	var err error
	switch os.Args[1] {
	case "get":
		err = get(os.Args[2])
	case "verify":
		err = verify(os.Args[2], os.Args[3], os.Args[4])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
}

// get prints the status and body of a GET of url.
func get(url string) error {
	res, err := http.Get(url)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	fmt.Println(res.StatusCode, string(body))
	return nil
}

// verify checks the leaf in leafFile for name (a DNS name or an IP address), with caFile as the only root.
func verify(caFile, leafFile, name string) error {
	roots := x509.NewCertPool()
	caPEM, err := os.ReadFile(caFile)
	if err != nil {
		return err
	}
	if !roots.AppendCertsFromPEM(caPEM) {
		return fmt.Errorf("no certificate in %s", caFile)
	}
	leafPEM, err := os.ReadFile(leafFile)
	if err != nil {
		return err
	}
	block, _ := pem.Decode(leafPEM)
	if block == nil {
		return fmt.Errorf("no PEM block in %s", leafFile)
	}
	leaf, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return err
	}
	if _, err := leaf.Verify(x509.VerifyOptions{Roots: roots, DNSName: name, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}); err != nil {
		return err
	}
	fmt.Println("ok")
	return nil
}
